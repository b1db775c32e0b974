# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""When a token is still good: reusing an earlier pingone_token result, and refreshing inside a long module run.

``reusable_token`` decides, with no network work and without importing ``requests``,
whether a previous result fits the current settings. ``TokenSource`` holds the token
of an API client and fetches a new one before the old one expires, or when PingOne
refuses it.
"""

from __future__ import annotations

import threading
import time
from datetime import datetime, timezone
from typing import Any, Callable, Mapping, Optional

from ansible_collections.pingone.platform.plugins.module_utils.regions import Endpoints
from ansible_collections.pingone.platform.plugins.module_utils.token import ClientCredentials, Token

DEFAULT_MIN_TTL = 300
MAX_MIN_TTL = 86400
REFRESH_MARGIN = 60   # seconds: an API client fetches a new token when less than this remains


def parse_timestamp(value: Any) -> Optional[float]:
    """Epoch seconds of ``YYYY-MM-DDTHH:MM:SSZ`` (what ``expires_at`` holds); None for anything else."""
    if not isinstance(value, str):
        return None
    try:
        return datetime.strptime(value, '%Y-%m-%dT%H:%M:%SZ').replace(tzinfo=timezone.utc).timestamp()
    except ValueError:
        return None


def _same_scopes(previous: Any, wanted) -> bool:
    if previous is None:
        previous = []
    if not isinstance(previous, (list, tuple)) or not all(isinstance(item, str) for item in previous):
        return False
    return sorted(set(previous)) == sorted(set(wanted))


def reusable_token(previous: Optional[Mapping[str, Any]], endpoints: Endpoints, credentials: ClientCredentials,
                   min_ttl: int, now: float) -> Optional[Token]:
    """The Token of ``previous`` (a pingone_token result or the pingone_token fact) if it can serve this request, else None.

    It can when it was issued for the same environment, token endpoint, client and scopes, and stays
    valid for at least ``min_ttl`` seconds from ``now``. Anything unexpected means "fetch a new one".
    """
    if not isinstance(previous, Mapping) or previous.get('failed'):
        return None
    access_token, token_type = previous.get('access_token'), previous.get('token_type')
    if not isinstance(access_token, str) or not access_token or not isinstance(token_type, str) or token_type.lower() != 'bearer':
        return None
    if previous.get('environment_id') != endpoints.environment_id or previous.get('token_url') != endpoints.token_url:
        return None
    client_id = previous.get('client_id')
    if not isinstance(client_id, str) or client_id.lower() != credentials.client_id.lower():
        return None
    if not _same_scopes(previous.get('scopes'), credentials.scopes):
        return None
    expires_at = parse_timestamp(previous.get('expires_at'))
    if expires_at is None or expires_at - now < min_ttl:
        return None
    expires_in = previous.get('expires_in')
    scope = previous.get('scope')
    return Token(access_token=access_token, token_type=token_type,
                 expires_in=expires_in if isinstance(expires_in, int) and not isinstance(expires_in, bool) else int(expires_at - now),
                 expires_at_epoch=expires_at, scope=scope if isinstance(scope, str) else None)


class TokenSource:
    """The access token of a long module run: fetched now, fetched again when it nears expiry or is refused.

    Call it for the current token string (as ``PingOneClient`` does before every request);
    ``refresh()`` fetches a new one at once (after a 401). ``fetch`` returns a ``Token``.
    Safe to share between threads: one fetch at a time, and workers refused the same token
    cause one fetch, not one each.
    """

    def __init__(self, fetch: Callable[[], Token], clock: Callable[[], float] = time.time, margin: float = REFRESH_MARGIN):
        self._fetch = fetch
        self._clock = clock
        self.margin = margin
        self.token: Optional[Token] = None
        self.fetches = 0
        self._lock = threading.Lock()

    def _stale(self) -> bool:
        token = self.token
        if token is None:
            return True
        # A token that lives less than twice the margin is kept for half its life, not refreshed on every call.
        margin = min(self.margin, token.expires_in / 2.0)
        return token.expires_at_epoch - self._clock() < margin

    def refresh(self, refused: Optional[str] = None) -> str:
        """A new token; with ``refused`` (the token PingOne refused), only if no other thread replaced it already."""
        with self._lock:
            if refused is None or self.token is None or self.token.access_token == refused:
                self._fetch_now()
            return self.token.access_token

    def __call__(self) -> str:
        with self._lock:
            if self._stale():
                self._fetch_now()
            return self.token.access_token

    def _fetch_now(self) -> None:   # under the lock
        self.token = self._fetch()
        self.fetches += 1
