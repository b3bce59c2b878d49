"""Failure counters for sign-in and activation: N failures in a window → locked until it passes.

Counted in Redis when ``REDIS_URL`` is set (shared by every worker and server), in process
memory otherwise (one worker's own count: fine for development, not for production). The
clock is an attribute so tests can move time.

An attempt is counted *before* the secret is checked (``coba``): the attempt is added and the
window counted in one atomic step, so forty guesses sent at once see forty different counts and
only the first few go on to the password check. A successful attempt is taken back (``batal``).
Redis unreachable raises ``LayananGangguan``: sign-in answers 503 rather than skipping the count.
Keys are hashed: an account key is derived from a NIK or e-mail, which must not sit in Redis.
"""

from __future__ import annotations

import hashlib
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from flask import Flask, current_app

JENDELA_DETIK = 15 * 60


@dataclass(frozen=True, slots=True)
class BatasPercobaan:
    """At most ``batas`` failures per ``jendela`` seconds for keys of one kind."""

    batas: int
    jendela: int = JENDELA_DETIK


def kunci(jenis: str, nilai: str) -> str:
    """A storage key that does not reveal ``nilai`` (a NIK, an e-mail, an IP address)."""
    sidik = hashlib.sha256(f"{jenis}:{nilai}".encode()).hexdigest()[:32]
    return f"sigap:gagal:{jenis}:{sidik}"


class LayananGangguan(RuntimeError):
    """The counter store (Redis) cannot be reached: sign-in must stop, not go unthrottled."""


class _Memori:
    """Failure timestamps per key in a dict (one process; tests and development)."""

    def __init__(self) -> None:
        self._data: dict[str, list[float]] = {}
        self._anggota: dict[str, list[tuple[str, float]]] = {}
        self._kunci = threading.Lock()

    def tambah(self, k: str, waktu: float, jendela: int) -> None:
        with self._kunci:
            self._data.setdefault(k, []).append(waktu)

    def dalam_jendela(self, k: str, waktu: float, jendela: int) -> list[float]:
        with self._kunci:
            baru = [t for t in self._data.get(k, []) if t > waktu - jendela]
            self._data[k] = baru
            return list(baru)

    def hapus(self, k: str) -> None:
        with self._kunci:
            self._data.pop(k, None)

    def tambah_hitung(self, k: str, anggota: str, waktu: float, jendela: int) -> list[float]:
        """Add one attempt and return the window's attempts, in one locked step."""
        with self._kunci:
            baru = [t for t in self._data.get(k, []) if t > waktu - jendela]
            baru.append(waktu)
            self._data[k] = baru
            lama = self._anggota.get(k, [])
            self._anggota[k] = [(a, t) for a, t in lama if t > waktu - jendela]
            self._anggota[k].append((anggota, waktu))
            return list(baru)

    def lepas(self, k: str, anggota: str) -> None:
        """Take one attempt back (it succeeded, or it was refused without a check)."""
        with self._kunci:
            daftar = self._anggota.get(k, [])
            for i, (nama, waktu) in enumerate(daftar):
                if nama == anggota:
                    del daftar[i]
                    isi = self._data.get(k, [])
                    if waktu in isi:
                        isi.remove(waktu)
                    return


class _Redis:
    """Failure timestamps per key in a Redis sorted set that expires with its window."""

    def __init__(self, url: str) -> None:
        import redis

        self._r = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)

    def tambah(self, k: str, waktu: float, jendela: int) -> None:
        pipa = self._r.pipeline()
        pipa.zadd(k, {uuid.uuid4().hex: waktu})
        pipa.expire(k, jendela + 60)
        pipa.execute()

    def dalam_jendela(self, k: str, waktu: float, jendela: int) -> list[float]:
        pipa = self._r.pipeline()
        pipa.zremrangebyscore(k, "-inf", waktu - jendela)
        pipa.zrange(k, 0, -1, withscores=True)
        _, isi = pipa.execute()
        return [skor for _, skor in isi]

    def hapus(self, k: str) -> None:
        self._r.delete(k)

    def tambah_hitung(self, k: str, anggota: str, waktu: float, jendela: int) -> list[float]:
        """ZADD + count in one MULTI/EXEC transaction: concurrent callers see distinct counts."""
        pipa = self._r.pipeline(transaction=True)
        pipa.zremrangebyscore(k, "-inf", waktu - jendela)
        pipa.zadd(k, {anggota: waktu})
        pipa.expire(k, jendela + 60)
        pipa.zrange(k, 0, -1, withscores=True)
        *_, isi = pipa.execute()
        return [skor for _, skor in isi]

    def lepas(self, k: str, anggota: str) -> None:
        self._r.zrem(k, anggota)

    def ping(self) -> bool:
        return bool(self._r.ping())


class Pembatas:
    """Counts failures per key and says how long a caller must wait."""

    def __init__(self, storage_url: str | None, aturan: dict[str, BatasPercobaan]) -> None:
        self.simpan = _Redis(storage_url) if storage_url else _Memori()
        self.aturan = aturan
        self.jam: Callable[[], float] = time.time

    def tunggu(self, kunci_kunci: Iterable[tuple[str, str]]) -> int:
        """Seconds until every key is below its limit again (0 = go ahead)."""
        sekarang = self.jam()
        terlama = 0.0
        for jenis, nilai in kunci_kunci:
            aturan = self.aturan[jenis]
            with _gangguan():
                gagal = self.simpan.dalam_jendela(kunci(jenis, nilai), sekarang, aturan.jendela)
            if len(gagal) >= aturan.batas:
                # Free again once enough old failures have left the window.
                kunci_buka = sorted(gagal)[len(gagal) - aturan.batas]
                terlama = max(terlama, kunci_buka + aturan.jendela - sekarang)
        return int(terlama) + (1 if terlama % 1 else 0)

    def gagal(self, kunci_kunci: Iterable[tuple[str, str]]) -> None:
        """Record one failure against each key."""
        sekarang = self.jam()
        for jenis, nilai in kunci_kunci:
            with _gangguan():
                self.simpan.tambah(kunci(jenis, nilai), sekarang, self.aturan[jenis].jendela)

    def bersihkan(self, jenis: str, nilai: str) -> None:
        """Forget the failures of one key (after a successful sign-in)."""
        with _gangguan():
            self.simpan.hapus(kunci(jenis, nilai))

    def coba(self, kunci_kunci: Iterable[tuple[str, str]]) -> tuple[int, Percobaan]:
        """Count one attempt against every key *before* the secret is checked.

        Returns ``(tunggu, percobaan)``: ``tunggu`` > 0 means refused (the attempt is taken
        back at once, so refused attempts never extend a lock); otherwise the attempt stays
        counted as a failure unless the caller calls ``percobaan.berhasil()``.
        """
        sekarang = self.jam()
        anggota = uuid.uuid4().hex
        daftar = list(kunci_kunci)
        dicatat: list[str] = []
        tolak = False
        with _gangguan():
            for jenis, nilai in daftar:
                aturan = self.aturan[jenis]
                k = kunci(jenis, nilai)
                isi = self.simpan.tambah_hitung(k, anggota, sekarang, aturan.jendela)
                dicatat.append(k)
                if len(isi) > aturan.batas:
                    tolak = True
            percobaan = Percobaan(self, dicatat, anggota)
            if tolak:
                percobaan.berhasil()
                return max(1, self.tunggu(daftar)), percobaan
        return 0, percobaan

    def periksa(self) -> None:
        """Raise ``LayananGangguan`` when the store cannot be reached (health check)."""
        with _gangguan():
            if isinstance(self.simpan, _Redis):
                self.simpan.ping()


class Percobaan:
    """One counted attempt; ``berhasil()`` takes it back from every key."""

    def __init__(self, pembatas: Pembatas, kunci_kunci: list[str], anggota: str) -> None:
        self._p, self._kunci, self._anggota = pembatas, kunci_kunci, anggota

    def berhasil(self) -> None:
        with _gangguan():
            for k in self._kunci:
                self._p.simpan.lepas(k, self._anggota)
        self._kunci = []


@contextmanager
def _gangguan() -> Iterator[None]:
    """Turn any Redis error (down, timeout, refused) into ``LayananGangguan``."""
    from redis.exceptions import RedisError

    try:
        yield
    except (RedisError, OSError) as error:
        raise LayananGangguan(type(error).__name__) from error


# Five wrong passwords lock an account for the rest of 15 minutes. An IP address gets more
# room because a kelurahan kiosk or a mobile carrier puts many honest people behind one.
ATURAN_BAWAAN = {
    "masuk_akun": BatasPercobaan(5),
    "masuk_ip": BatasPercobaan(20),
    "aktivasi_nik": BatasPercobaan(5),
    "aktivasi_ip": BatasPercobaan(10),
    # Document verification (/verifikasi) counts every lookup, not only misses.
    "verifikasi_ip": BatasPercobaan(30),
    # The staff second step (TOTP or recovery code), counted like passwords.
    "kode_akun": BatasPercobaan(5),
    "kode_ip": BatasPercobaan(20),
}


def init_pembatas(app: Flask) -> None:
    """Create the app's counters (Redis when REDIS_URL is set)."""
    aturan = dict(ATURAN_BAWAAN)
    aturan.update(app.config.get("SIGAP_ATURAN_GAGAL") or {})
    app.extensions["sigap_pembatas"] = Pembatas(app.config.get("REDIS_URL"), aturan)


def pembatas() -> Pembatas:
    """The running app's counters."""
    return current_app.extensions["sigap_pembatas"]
