"""Logging helpers: a NIK must never reach a log line."""

from __future__ import annotations

import logging
import re

# 16 digits standing alone: the shape of a NIK (and of nothing else we log).
_NIK_SHAPE = re.compile(r"(?<!\d)(\d{4})\d{8}(\d{4})(?!\d)")


def mask_niks(text: str) -> str:
    """Replace every NIK-shaped number with its masked form ``3275********0001``."""
    return _NIK_SHAPE.sub(r"\1********\2", text)


def install_nik_filter() -> None:
    """Mask NIK-shaped numbers in every log record, whichever logger or handler gets it.

    Done in the record factory rather than a handler filter so that handlers added later
    (gunicorn's, a test's capture) are covered too.
    """
    current = logging.getLogRecordFactory()
    if getattr(current, "_sigap_masks_nik", False):
        return

    def factory(*args, **kwargs) -> logging.LogRecord:
        record = current(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a malformed record is the logging module's problem, not ours
            return record
        masked = mask_niks(message)
        if masked != message:
            record.msg, record.args = masked, None
        return record

    factory._sigap_masks_nik = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(factory)
