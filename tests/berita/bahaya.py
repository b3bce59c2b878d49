"""An XSS payload corpus and a check that a rendered page holds nothing executable from it."""

from __future__ import annotations

from urllib.parse import urlsplit

from bs4 import BeautifulSoup

# fmt: off
MUATAN = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "[klik](javascript:alert(1))",
    "[klik](JaVaScRiPt:alert(1))",
    "[klik](javascript&#58;alert(1))",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![gambar](javascript:alert(1))",
    '<a href="javascript:alert(1)">tautan</a>',
    '<div hx-get="/staf" hx-trigger="load">muat</div>',
    '<button hx-on:click="alert(1)">tombol</button>',
    '<div hx-on="click: alert(1)">klik</div>',
    '<p data-hx-get="/akun" data-hx-trigger="load">data</p>',
    '<p style="background:url(javascript:alert(1))">gaya</p>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<object data="data:text/html,<script>alert(1)</script>"></object>',
    '<embed src="javascript:alert(1)">',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<scr<script>ipt>alert(1)</script>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    '<a href="&#106;avascript:alert(1)">entitas</a>',
    "[spasi](  javascript:alert(1))",
    '<form action="javascript:alert(1)"><button>kirim</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    "<link rel=stylesheet href=data:text/css,body{}>",
    "[vb](vbscript:msgbox(1))",
    '<svg><a xlink:href="javascript:alert(1)"><text>svg</text></a></svg>',
    "<!--<img src=x onerror=alert(1)>-->",
    '<img src="x` `<script>alert(1)</script>"` `>',
    '<a href="https://contoh.id" onclick="alert(1)">luar</a>',
    '[judul](https://contoh.id "x\\" onmouseover=\\"alert(1)")',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<template><script>alert(1)</script></template>",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "[svg](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)",
    "<a href='java\tscript:alert(1)'>tab</a>",
    "[tab](java\tscript:alert(1))",
)
# fmt: on

TAG_TERLARANG = {"iframe", "object", "embed", "svg", "math", "style", "base", "template",
                 "noscript", "form", "body"}
ATRIBUT_URL = ("href", "src", "action", "formaction", "data", "xlink:href", "srcdoc", "poster")


def _skema(nilai: str) -> str:
    return urlsplit("".join(nilai.split()).lower()).scheme


def periksa_inert(html: str, tempat: str, *, isi_saja: bool = False) -> None:
    """Fail when ``html`` holds a script, event handler, htmx/style attribute or script URL
    that the site's own templates do not put there."""
    soup = BeautifulSoup(html, "html.parser")
    for el in soup.find_all(True):
        nama = el.name.lower()
        if nama == "script":
            assert not isi_saja and el.get("src", "").startswith("/static/") \
                and not el.get_text(strip=True), (tempat, str(el)[:200])
        if nama == "meta" and el.get("http-equiv"):
            raise AssertionError((tempat, str(el)[:200]))
        if nama == "link" and isi_saja:
            raise AssertionError((tempat, str(el)[:200]))
        # Full pages have the site's own <body> and search form (its action is checked below).
        assert nama not in TAG_TERLARANG or (nama in ("body", "form") and not isi_saja), \
            (tempat, nama)
        for attr, nilai in el.attrs.items():
            attr = attr.lower()
            nilai = " ".join(nilai) if isinstance(nilai, list) else str(nilai)
            assert not attr.startswith("on"), (tempat, attr, str(el)[:200])
            assert attr != "style", (tempat, str(el)[:200])
            assert not attr.startswith(("hx-on", "data-hx-on")), (tempat, str(el)[:200])
            # The site's own htmx attributes are data-hx-*: they carry no payload's values.
            if attr.startswith(("hx-", "data-hx-")):
                assert "alert" not in nilai and nilai not in ("/staf", "/akun", "load", "/a"), \
                    (tempat, str(el)[:200])
            if attr in ATRIBUT_URL:
                assert _skema(nilai) in ("", "http", "https", "mailto", "tel"), \
                    (tempat, attr, nilai)
