# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Typed PingOne errors, and how an HTTP answer becomes one.

Every error carries one sentence (``str(error)``) saying what failed and what to
check, plus structured fields. Messages never contain a secret, a request header,
a request body or a response body that may hold a token: only the error code and
description PingOne sent in an error answer.
"""

from __future__ import annotations

import json
import re
from typing import Any, Dict, List, Optional


class PingOneError(Exception):
    """Base of every error this collection raises; ``to_result()`` gives ``fail_json`` keys."""

    def __init__(self, message: str, *, url: Optional[str] = None, status: Optional[int] = None, error: Optional[str] = None,
                 error_description: Optional[str] = None, correlation_id: Optional[str] = None,
                 details: Optional[List[Dict[str, Any]]] = None, option: Optional[str] = None):
        super().__init__(message)
        self.message = message
        self.url = url
        self.status = status
        self.error = error
        self.error_description = error_description
        self.correlation_id = correlation_id
        self.details = details
        self.option = option

    def to_result(self) -> Dict[str, Any]:
        """The keys a module passes to ``fail_json``: ``msg`` plus every field that is known."""
        result = {'msg': self.message}
        for key in ('url', 'status', 'error', 'error_description', 'correlation_id', 'details', 'option'):
            value = getattr(self, key)
            if value is not None:
                result[key] = value
        return result


NOTHING_SENT = 'Nothing was sent.'
NOTHING_WRITTEN = 'Nothing was written.'


class PingOneInputError(PingOneError):
    """An option is missing or wrong; raised before any request is sent.

    ``outcome`` (``NOTHING_SENT``, ``NOTHING_WRITTEN``) ends the message, after ``reason``: a check a module shares
    with a description's check (``config_options``) is quoted there by its ``reason`` alone, in the description's sentence."""

    def __init__(self, reason: str, *, outcome: Optional[str] = None, **fields: Any):
        super().__init__('%s %s' % (reason, outcome) if outcome else reason, **fields)
        self.reason = reason


class PingOneDependencyError(PingOneError):
    """A Python library the module needs is not installed on the host running it."""

    def __init__(self, library: str, reason: Optional[str] = None, purpose: Optional[str] = None):
        super().__init__('The Python library %s is required%s but is not installed%s.'
                         % (library, ' ' + purpose if purpose else '', ' (%s)' % reason if reason else ''))
        self.library = library
        self.reason = reason
        self.purpose = purpose   # e.g. 'for auth_method private_key_jwt', for missing_required_lib(reason=...)


class PingOneHTTPError(PingOneError):
    """PingOne (or something in between) answered with an error status."""


class PingOneAuthenticationError(PingOneHTTPError):
    """The token request or the bearer token was refused (401, or an OAuth client/grant/scope error)."""


class PingOneForbiddenError(PingOneHTTPError):
    """The token is valid but lacks the role or licence for the request (403)."""


class PingOneBadRequestError(PingOneHTTPError):
    """PingOne rejected the request as malformed or invalid (400 and other 4xx)."""


class PingOneNotFoundError(PingOneHTTPError):
    """The environment or resource does not exist at that URL (404)."""


class PingOneRateLimitedError(PingOneHTTPError):
    """PingOne answered 429 Too Many Requests and no retry (or none allowed) got through."""


class PingOneServerError(PingOneHTTPError):
    """PingOne answered 408 or 5xx and no retry (or none allowed) got through."""


class PingOneConnectionError(PingOneError):
    """No usable HTTP answer: DNS failure, refused or reset connection."""


class PingOneTLSError(PingOneConnectionError):
    """The server's certificate could not be verified."""


class PingOneTimeoutError(PingOneConnectionError):
    """No complete answer within the timeout."""


class PingOneUnexpectedResponseError(PingOneError):
    """An answer that is not what PingOne sends: not JSON, no token, too large."""


class PingOneRedirectError(PingOneUnexpectedResponseError):
    """A 3xx answer; never followed, because following it would resend the credentials."""


_CORRELATION_RE = re.compile(r'\s*\(Correlation ID:\s*([^)\s]+)\s*\)')
_CODE_RE = re.compile(r'^[A-Za-z0-9_.:-]{1,80}$')
_MAX_TEXT = 500
# A credential an error text may repeat (a gateway echoing the request's Authorization header, a
# token in a description): a Bearer or Basic value, or a JWT. Replaced before any text is kept.
# (A Bearer or Basic value is 16+ characters with a digit or a symbol, so prose such as "basic authentication" stays.)
_CREDENTIAL_RE = re.compile(r'\b((?i:bearer|basic))\s+(?=[A-Za-z]*[0-9._~+/=-])[A-Za-z0-9._~+/=-]{16,}|eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_.-]*')


def _redact(text: str) -> str:
    return _CREDENTIAL_RE.sub(lambda match: match.group(1) + ' [redacted]' if match.group(1) else '[redacted]', text)


def _clean_text(value: Any) -> Optional[str]:
    """A short single-line string without credentials, or None: error text goes into messages and logs."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = _redact(' '.join(value.split()))
    return text if len(text) <= _MAX_TEXT else text[:_MAX_TEXT] + '...'


def _clean_code(value: Any) -> Optional[str]:
    return value if isinstance(value, str) and _CODE_RE.match(value) and not _CREDENTIAL_RE.search(value) else None


def _clean_details(value: Any) -> Optional[List[Dict[str, Any]]]:
    if not isinstance(value, list):
        return None
    details = []
    for item in value[:20]:
        if isinstance(item, dict):
            entry = {key: _clean_text(item.get(key)) for key in ('code', 'target', 'message')}
            inner = item.get('innerError')
            if isinstance(inner, dict):
                # Lists such as allowedValues tell the user what PingOne accepts: kept, as short strings.
                entry['innerError'] = {_redact(str(k))[:80]: _inner_value(v) for k, v in inner.items() if _inner_value(v) is not None}
            details.append({k: v for k, v in entry.items() if v is not None})
    return details or None


def _inner_value(value: Any) -> Any:
    """A value of ``innerError`` as it may be shown: numbers and booleans as they are, text cleaned, lists of those."""
    if isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, str):
        return _clean_text(value)
    if isinstance(value, list):
        items = [item for item in (_inner_value(v) for v in value[:50] if not isinstance(v, (list, dict))) if item is not None]
        return items or None
    return None


class ErrorBody:
    """What an error answer says, from either PingOne shape.

    OAuth (token endpoint): ``{"error", "error_description"}`` with the correlation id
    inside the description. Platform API: ``{"id", "code", "message", "details"}``.
    Anything else (HTML from a proxy, bytes) yields empty fields and is never echoed.
    """

    def __init__(self, error: Optional[str] = None, description: Optional[str] = None, correlation_id: Optional[str] = None,
                 details: Optional[List[Dict[str, Any]]] = None):
        self.error = error
        self.description = description
        self.correlation_id = correlation_id
        self.details = details

    @classmethod
    def parse(cls, body: bytes) -> 'ErrorBody':
        try:
            data = json.loads(body.decode('utf-8')) if body else None
        except (UnicodeDecodeError, ValueError, RecursionError):
            data = None
        if not isinstance(data, dict):
            return cls()
        if 'error' in data:
            description = _clean_text(data.get('error_description'))
            correlation_id = None
            if description:
                match = _CORRELATION_RE.search(description)
                if match:
                    correlation_id = _clean_code(match.group(1))
                    description = _CORRELATION_RE.sub('', description).strip() or None
            return cls(_clean_code(data.get('error')), description, correlation_id)
        return cls(_clean_code(data.get('code')), _clean_text(data.get('message')), _clean_code(data.get('id')),
                   _clean_details(data.get('details')))

    def summary(self) -> str:
        """``code: description`` (or whichever is known), for messages."""
        return ': '.join(part for part in (self.error, self.description) if part)


def _describe_details(details: Optional[List[Dict[str, Any]]]) -> str:
    if not details:
        return ''
    parts = []
    for item in details[:5]:
        text = ' '.join(part for part in (item.get('target'), item.get('message') or item.get('code')) if part)
        allowed = (item.get('innerError') or {}).get('allowedValues')
        if text and isinstance(allowed, list) and allowed:
            text += ' (allowed: %s)' % ', '.join(str(value) for value in allowed[:20])
        if text:
            parts.append(text)
    return ' (details: %s)' % '; '.join(parts) if parts else ''


# What PingOne says in front of (or instead of) the reason in its 4xx answers: a description that has nothing else is generic.
_GENERIC_RE = re.compile(r'the request could not be completed|one or more validation errors were in the request|'
                         r'the request (?:is|was) invalid|an unexpected error occurred|bad request|invalid request', re.I)


def _specific(description: Optional[str]) -> bool:
    """Whether PingOne's error description says more than its generic sentences."""
    return bool(description) and bool(re.search(r'[A-Za-z0-9]', _GENERIC_RE.sub('', description)))


def with_note(error: PingOneError, note: str) -> PingOneError:
    """``error`` with the sentence ``note`` added to its message (such as where a host came from); the same object."""
    if note and note not in error.message:
        error.message = '%s %s' % (error.message, note)
        error.args = (error.message,)
    return error


def attempts_note(attempts: int) -> str:
    """`` after N attempts`` when a request was retried, else nothing."""
    return ' after %d attempts' % attempts if attempts > 1 else ''


def http_error(status: int, body: bytes, *, url: str, operation: str, attempts: int = 1, advice: Optional[str] = None) -> PingOneHTTPError:
    """The typed error for an API error answer (the token endpoint has its own mapping in token.py).

    ``operation`` names what was attempted (e.g. ``GET https://api.pingone.eu/v1/environments``);
    ``attempts`` says how often it was sent, so a message can say that retries were spent;
    ``advice`` replaces the standard advice for the status (what to check, after the colon).
    """
    given_advice = advice
    parsed = ErrorBody.parse(body)
    said = ' (%s)' % parsed.summary() if parsed.summary() else ''
    details = _describe_details(parsed.details)
    if status == 401:
        cls, advice = PingOneAuthenticationError, ('the access token is missing, expired or from another environment or region: '
                                                   'get a fresh one with pingone.platform.pingone_token')
    elif status == 403:
        cls, advice = PingOneForbiddenError, ('the worker application lacks a role (or the organization a licence) for this request: '
                                              'check its role assignments in the PingOne console')
    elif status == 404:
        cls, advice = PingOneNotFoundError, ('the resource does not exist at that URL: check the ids and the region '
                                             '(a resource created a moment ago may not be visible yet)')
    elif status == 429:
        cls, advice = PingOneRateLimitedError, 'requests are being rate limited: send fewer at once (lower forks) or raise retries'
    elif status >= 500 or status == 408:
        cls, advice = PingOneServerError, 'PingOne may be degraded: check status.pingidentity.com and run the task again later'
    else:
        # PingOne's own words say what is wrong when they are specific (a detail, or more than its generic preamble):
        # the general advice is added only when they are not.
        cls, advice = PingOneBadRequestError, (None if details or _specific(parsed.description) else
                                               'PingOne rejected the request as invalid: check the request against the PingOne API reference')
    advice = given_advice or advice
    message = '%s failed with HTTP %d%s%s%s%s.' % (operation, status, said, details, attempts_note(attempts), ': ' + advice if advice else '')
    return cls(message, url=url, status=status, error=parsed.error, error_description=parsed.description,
               correlation_id=parsed.correlation_id, details=parsed.details)
