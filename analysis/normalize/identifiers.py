"""Direct identifiers: recognised at load, dropped, and never shown again."""

from __future__ import annotations

import hashlib
import hmac

from analysis.spec import normalize_text


def pseudonym(mrn: object, secret: str) -> str:
    """A keyed pseudonym for a medical record number (HMAC-SHA256, 12 hex digits).

    The same MRN and secret always give the same key, so a registry can be re-loaded
    and linked; without the secret the MRN cannot be recovered or confirmed.
    """
    if not secret:
        raise ValueError("a non-empty secret is required to pseudonymise record numbers")
    msg = normalize_text(mrn).replace(" ", "").encode("utf-8")
    return "P" + hmac.new(secret.encode("utf-8"), msg, hashlib.sha256).hexdigest()[:12]
