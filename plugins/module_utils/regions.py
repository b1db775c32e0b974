# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pingone.platform maintainers
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""PingOne regions and the URLs a worker token request and later API calls use.

Everything here is pure (no network): region resolution, host validation and
endpoint building, so it can be checked before any request is sent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Optional

from ansible_collections.pingone.platform.plugins.module_utils.errors import PingOneInputError


@dataclass(frozen=True)
class Region:
    """One PingOne geography: its code, top-level domain and the Go SDK's name for it."""

    code: str
    tld: str
    sdk_name: str
    description: str

    @property
    def auth_host(self) -> str:
        return 'auth.pingone.%s' % self.tld

    @property
    def api_host(self) -> str:
        return 'api.pingone.%s' % self.tld

    @property
    def auth_url(self) -> str:
        return 'https://%s' % self.auth_host

    @property
    def api_url(self) -> str:
        return 'https://%s/v1' % self.api_host

    @property
    def orchestrate_url(self) -> str:
        return 'https://orchestrate-api.pingone.%s/v1' % self.tld

    @property
    def console_url(self) -> str:
        return 'https://console.pingone.%s' % self.tld


DEFAULT_REGION = 'NA'

REGIONS = {
    region.code: region for region in (
        Region('NA', 'com', 'NorthAmerica', 'North America (United States)'),
        Region('CA', 'ca', 'Canada', 'Canada'),
        Region('EU', 'eu', 'Europe', 'European Union'),
        Region('AU', 'com.au', 'Australia-AsiaPacific', 'Australia'),
        Region('SG', 'sg', 'Singapore', 'Singapore'),
        Region('AP', 'asia', 'AsiaPacific', 'Asia-Pacific (legacy .asia tenants)'),
    )
}

# Every spelling users meet in Ping's docs, Terraform and the Go SDK, lower-cased.
_REGION_ALIASES = {}
for _region in REGIONS.values():
    for _alias in (_region.code, _region.tld, _region.sdk_name):
        _REGION_ALIASES[_alias.lower()] = _region


def resolve_region(value: Optional[str]) -> Region:
    """Return the Region for a code, TLD or SDK name (case-insensitive); refuse anything else."""
    if value is None:
        return REGIONS[DEFAULT_REGION]
    if not str(value).strip():
        raise PingOneInputError('region is empty: set it to one of %s, or leave it unset for %s.' % (', '.join(REGIONS), DEFAULT_REGION),
                                option='region')
    region = _REGION_ALIASES.get(str(value).strip().lower())
    if region is None:
        raise PingOneInputError(
            "region %r is not a PingOne region: use one of %s (or the TLD such as 'eu', or the SDK name such as 'Europe')."
            % (str(value)[:40], ', '.join(REGIONS)),
            option='region')
    return region


# An ASCII DNS name (or IPv4 literal) with an optional port; IDN hosts must be given in punycode.
_HOST_RE = re.compile(r'^(?P<host>[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)'
                      r'(?::(?P<port>[0-9]{1,5}))?$')
_IPV6_RE = re.compile(r'^\[(?P<host>[0-9A-Fa-f:.]+)\](?::(?P<port>[0-9]{1,5}))?$')


def normalize_host(value: str, option: str, warn: Optional[Callable[[str], None]] = None) -> str:
    """Validate a ``host[:port]`` override and return it lower-cased.

    ``https://`` is accepted and stripped, and so is a trailing ``/v1`` (one Ping doc
    page and Postman's apiPath show it), with a warning. Plain HTTP, other paths,
    queries, fragments and user info are refused: each would send credentials
    somewhere the user did not mean.
    """
    text = str(value)
    if not text.strip():
        raise PingOneInputError('%s is empty: give a host name such as auth.pingone.eu, or leave the option unset.' % option, option=option)
    if any(ch.isspace() for ch in text):
        raise PingOneInputError('%s contains white space: give only a host name with an optional port, such as auth.pingone.eu:443.' % option,
                                option=option)
    if not text.isascii():
        raise PingOneInputError('%s contains non-ASCII characters (a look-alike of a real host name?): type the host name in ASCII, '
                                'using punycode for an internationalised domain.' % option, option=option)
    scheme, sep, rest = text.partition('://')
    if sep:
        if scheme.lower() == 'http':
            raise PingOneInputError('%s uses http://: PingOne is reached over HTTPS only, so give the host name without a scheme '
                                    'or with https://.' % option, option=option)
        if scheme.lower() != 'https':
            raise PingOneInputError('%s has the scheme %s://: give a host name with an optional https:// prefix.' % (option, scheme[:10]),
                                    option=option)
        text = rest
    if '@' in text:
        raise PingOneInputError('%s contains user information (an "@"): credentials never go in a host name; '
                                'use client_id and client_secret.' % option, option=option)
    if '?' in text or '#' in text:
        raise PingOneInputError('%s contains a query or fragment: give only a host name with an optional port.' % option, option=option)
    host, _slash, path = text.partition('/')
    if path.rstrip('/').lower() == 'v1':
        if warn:
            warn('%s ends in /v1, which is not part of a host name; it was ignored.' % option)
    elif path.strip('/'):
        raise PingOneInputError('%s contains a path (/%s...): give only a host name with an optional port; '
                                'the module adds the paths it needs.' % (option, path[:20].split('/')[0]), option=option)
    match = _HOST_RE.match(host) or _IPV6_RE.match(host)
    if not match:
        raise PingOneInputError('%s is not a valid host name: give a DNS name or IP address with an optional port, '
                                'such as auth.pingone.eu or 127.0.0.1:8443.' % option, option=option)
    port = match.group('port')
    if port is not None and not 0 < int(port) < 65536:
        raise PingOneInputError('%s has the port %s, outside 1-65535.' % (option, port), option=option)
    return host.lower()


@dataclass(frozen=True)
class Endpoints:
    """The URLs for one environment: where the token comes from and where the API lives."""

    region: Region
    environment_id: Optional[str]
    auth_url: str
    token_url: Optional[str]   # None when a module was given an access token and no environment
    api_url: str

    @property
    def api_origin(self) -> str:
        """``https://host[:port]`` of the API, to check that absolute links stay on it."""
        return self.api_url.rsplit('/v1', 1)[0]


def build_endpoints(region: Region, environment_id: Optional[str] = None, auth_hostname: Optional[str] = None,
                    api_hostname: Optional[str] = None, custom_domain: Optional[str] = None,
                    warn: Optional[Callable[[str], None]] = None, need_token_url: bool = True) -> Endpoints:
    """Work out the token and API URLs from the region and the optional overrides."""
    if custom_domain and auth_hostname:
        raise PingOneInputError('custom_domain and auth_hostname are both set: they name the same thing (where tokens come from), '
                                'so set only one.', option='custom_domain')
    if custom_domain:
        auth_url = 'https://%s' % normalize_host(custom_domain, 'custom_domain', warn)
        token_url = auth_url + '/as/token'
    else:
        if not environment_id and need_token_url:
            raise PingOneInputError('environment_id is required unless custom_domain is set: set the environment_id option or the '
                                    'PINGONE_ENVIRONMENT_ID environment variable.', option='environment_id')
        host = normalize_host(auth_hostname, 'auth_hostname', warn) if auth_hostname else region.auth_host
        auth_url = 'https://%s' % host
        token_url = '%s/%s/as/token' % (auth_url, environment_id) if environment_id else None
    api_url = 'https://%s/v1' % normalize_host(api_hostname, 'api_hostname', warn) if api_hostname else region.api_url
    return Endpoints(region=region, environment_id=environment_id or None, auth_url=auth_url, token_url=token_url, api_url=api_url)
