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
from typing import Callable, Mapping, Optional, Tuple

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


# Names people give a region that PingOne does not use, and the code they mean.
_REGION_HINTS = {'us': 'NA', 'usa': 'NA', 'america': 'NA', 'north america': 'NA', 'north_america': 'NA', 'north-america': 'NA',
                 'australia': 'AU'}


def resolve_region(value: Optional[str], source: Optional[str] = None) -> Region:
    """Return the Region for a code, TLD or SDK name (case-insensitive); refuse anything else.

    ``source`` is the PINGONE_* variable the value came from, if it did: messages name it.
    """
    if value is None:
        return REGIONS[DEFAULT_REGION]
    label = 'region (from %s)' % source if source else 'region'
    if not str(value).strip():
        raise PingOneInputError('%s is empty: set it to one of %s, or leave it unset for %s.' % (label, ', '.join(REGIONS), DEFAULT_REGION),
                                option='region')
    region = _REGION_ALIASES.get(str(value).strip().lower())
    if region is None:
        hint = _REGION_HINTS.get(' '.join(str(value).split()).lower())
        meant = ' %s is %s;' % (REGIONS[hint].description, hint) if hint else ''
        raise PingOneInputError(
            "region %r%s is not a PingOne region:%s use one of %s (or the TLD such as 'eu', or the SDK name such as 'Europe')."
            % (str(value)[:40], ' (from %s)' % source if source else '', meant, ', '.join(REGIONS)),
            option='region')
    return region


# An ASCII DNS name (or IPv4 literal) with an optional port; IDN hosts must be given in punycode.
_HOST_RE = re.compile(r'^(?P<host>[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)'
                      r'(?::(?P<port>[0-9]{1,5}))?$')
_IPV6_RE = re.compile(r'^\[(?P<host>[0-9A-Fa-f:.]+)\](?::(?P<port>[0-9]{1,5}))?$')


# What each host option is used for, to say in the /v1 warning what the module does with the host.
_HOST_USES = {
    'auth_hostname': 'token requests go to https://%s/<environment_id>/as/token',
    'api_hostname': 'the API base URL is https://%s/v1',
    'custom_domain': 'token requests go to https://%s/as/token',
}


def normalize_host(value: str, option: str, warn: Optional[Callable[[str], None]] = None, source: Optional[str] = None) -> str:
    """Validate a ``host[:port]`` override and return it lower-cased.

    ``https://`` is accepted and stripped, and so is a trailing ``/v1`` (one Ping doc
    page and Postman's apiPath show it), with a warning that says which host was used. Plain
    HTTP, other paths, queries, fragments and user info are refused: each would send credentials
    somewhere the user did not mean. ``source`` is the PINGONE_* variable the value came from,
    if it did: messages name it.
    """
    label = '%s (from %s)' % (option, source) if source else option
    text = str(value)
    if not text.strip():
        raise PingOneInputError('%s is empty: give a host name such as auth.pingone.eu, or leave the option unset.' % label, option=option)
    if any(ch.isspace() for ch in text):
        raise PingOneInputError('%s contains white space: give only a host name with an optional port, such as auth.pingone.eu:443.' % label,
                                option=option)
    if not text.isascii():
        raise PingOneInputError('%s contains non-ASCII characters (a look-alike of a real host name?): type the host name in ASCII, '
                                'using punycode for an internationalised domain.' % label, option=option)
    scheme, sep, rest = text.partition('://')
    if sep:
        if scheme.lower() == 'http':
            raise PingOneInputError('%s uses http://: PingOne is reached over HTTPS only, so give the host name without a scheme '
                                    'or with https://.' % label, option=option)
        if scheme.lower() != 'https':
            raise PingOneInputError('%s has the scheme %s://: give a host name with an optional https:// prefix.' % (label, scheme[:10]),
                                    option=option)
        text = rest
    if '@' in text:
        raise PingOneInputError('%s contains user information (an "@"): credentials never go in a host name; '
                                'use client_id and client_secret.' % label, option=option)
    if '?' in text or '#' in text:
        raise PingOneInputError('%s contains a query or fragment: give only a host name with an optional port.' % label, option=option)
    host, _slash, path = text.partition('/')
    ends_in_v1 = path.rstrip('/').lower() == 'v1'
    if path.strip('/') and not ends_in_v1:
        raise PingOneInputError('%s contains a path (/%s...): give only a host name with an optional port; '
                                'the module adds the paths it needs.' % (label, path[:20].split('/')[0]), option=option)
    match = _HOST_RE.match(host) or _IPV6_RE.match(host)
    if not match:
        raise PingOneInputError('%s is not a valid host name: give a DNS name or IP address with an optional port, '
                                'such as auth.pingone.eu or 127.0.0.1:8443.' % label, option=option)
    port = match.group('port')
    if port is not None and not 0 < int(port) < 65536:
        raise PingOneInputError('%s has the port %s, outside 1-65535.' % (label, port), option=option)
    host = host.lower()
    if ends_in_v1 and warn:
        use = _HOST_USES.get(option)
        warn('%s ends in /v1, which is not part of a host name: it was ignored, and the host %s was used%s.'
             % (label, host, ' (%s)' % (use % host) if use else ''))
    return host


@dataclass(frozen=True)
class Endpoints:
    """The URLs for one environment: where the token comes from and where the API lives.

    ``auth_note`` and ``api_note`` say how the host of each was chosen (which option or PINGONE_*
    variable, or the default region); ``sources`` name the PINGONE_* variable of each option that
    came from one. Failure messages use them, so that they say where a value came from.
    """

    region: Region
    environment_id: Optional[str]
    auth_url: str
    token_url: Optional[str]   # None when a module was given an access token and no environment
    api_url: str
    auth_note: str = ''
    api_note: str = ''
    sources: Tuple[Tuple[str, str], ...] = ()
    origin: str = ''   # how the region was chosen: "from PINGONE_REGION_CODE", "the default, as ...", ...

    @property
    def api_origin(self) -> str:
        """``https://host[:port]`` of the API, to check that absolute links stay on it."""
        return self.api_url.rsplit('/v1', 1)[0]

    def note(self, url: str) -> str:
        """How the host of ``url`` was chosen, as a sentence (empty if it is none of these endpoints' hosts)."""
        if url == self.api_url or url.startswith(self.api_url + '/') or url.startswith(self.api_url + '?'):
            return self.api_note
        netloc = url.split('://', 1)[-1].split('/', 1)[0].lower()
        if netloc == self.auth_url.split('://', 1)[-1]:
            return self.auth_note
        return self.api_note if netloc == self.api_origin.split('://', 1)[-1] else ''

    def region_note(self) -> str:
        """``region EU comes from PINGONE_REGION_CODE``, ``region NA is the default, as ...``; empty when not known."""
        if not self.origin:
            return ''
        return 'region %s %s %s' % (self.region.code, 'comes' if self.origin.startswith('from ') else 'is', self.origin)

    def label(self, option: str) -> str:
        """``option``, followed by the PINGONE_* variable its value came from, if it did."""
        source = dict(self.sources).get(option)
        return '%s (from %s)' % (option, source) if source else option


def build_endpoints(region: Region, environment_id: Optional[str] = None, auth_hostname: Optional[str] = None,
                    api_hostname: Optional[str] = None, custom_domain: Optional[str] = None,
                    warn: Optional[Callable[[str], None]] = None, need_token_url: bool = True,
                    sources: Optional[Mapping[str, str]] = None, origin: Optional[str] = None) -> Endpoints:
    """Work out the token and API URLs from the region and the optional overrides.

    ``sources``: option -> the PINGONE_* variable its value came from (for those that did);
    ``origin``: how the region was chosen, for messages (see ``options.connection_settings``).
    """
    sources = dict(sources or {})

    def from_option(option):
        return 'from %s' % sources[option] if option in sources else 'from the %s option' % option

    if custom_domain and auth_hostname:
        raise PingOneInputError('custom_domain and auth_hostname are both set: they name the same thing (where tokens come from), '
                                'so set only one.', option='custom_domain')
    # e.g. 'the host of region EU, from PINGONE_REGION_CODE' or 'the host of region NA, the default, as ...'
    region_note = 'the host of region %s%s' % (region.code, ', %s' % origin if origin else '')
    if custom_domain:
        host = normalize_host(custom_domain, 'custom_domain', warn, sources.get('custom_domain'))
        auth_url = 'https://%s' % host
        token_url = auth_url + '/as/token'
        auth_note = 'custom_domain, %s' % from_option('custom_domain')
    else:
        if not environment_id and need_token_url:
            raise PingOneInputError('environment_id is required unless custom_domain is set: set the environment_id option or the '
                                    'PINGONE_ENVIRONMENT_ID environment variable.', option='environment_id')
        if auth_hostname:
            host = normalize_host(auth_hostname, 'auth_hostname', warn, sources.get('auth_hostname'))
            auth_note = 'auth_hostname, %s' % from_option('auth_hostname')
        else:
            host, auth_note = region.auth_host, region_note
        auth_url = 'https://%s' % host
        token_url = '%s/%s/as/token' % (auth_url, environment_id) if environment_id else None
    if api_hostname:
        host = normalize_host(api_hostname, 'api_hostname', warn, sources.get('api_hostname'))
        api_url = 'https://%s/v1' % host
        api_note = 'api_hostname, %s' % from_option('api_hostname')
    else:
        host, api_url, api_note = region.api_host, region.api_url, region_note
    return Endpoints(region=region, environment_id=environment_id or None, auth_url=auth_url, token_url=token_url, api_url=api_url,
                     auth_note='%s is %s.' % (auth_url.split('://', 1)[1], auth_note), api_note='%s is %s.' % (host, api_note),
                     sources=tuple(sorted(sources.items())), origin=origin or '')
