"""Which variables of an environment are settings: `UNSILO_*`, less the test suite's own
(`UNSILO_TEST_*`) and those Kubernetes injects for a Service named `unsilo`."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from pydantic_settings import EnvSettingsSource
from pydantic_settings.sources.utils import parse_env_vars

if TYPE_CHECKING:
    from pydantic_settings import BaseSettings

PREFIX = "UNSILO_"

# Kubernetes gives every pod the address of each Service in its namespace, named after the
# Service: one named `unsilo` yields UNSILO_SERVICE_HOST, UNSILO_SERVICE_PORT[_<name>],
# UNSILO_PORT=tcp://10.96.0.12:8000 and UNSILO_PORT_8000_TCP[_PROTO|_PORT|_ADDR]. None of them is a
# setting; UNSILO_PORT is one, but never with a URL for a value.
_SERVICE_LINK = re.compile(
    PREFIX
    + r"(SERVICE_HOST|SERVICE_PORT(_[A-Z0-9_]+)?|PORT_[0-9]+_(TCP|UDP|SCTP)(_PROTO|_PORT|_ADDR)?)"
)
_SERVICE_LINK_ADDRESS = re.compile(r"(tcp|udp|sctp)://[^\s]+:[0-9]+")


def is_service_link(key: str, value: str) -> bool:
    """Whether `key=value` is a variable Kubernetes injects for a Service named `unsilo`
    (service links), which start-up leaves alone rather than reading it as a setting."""
    if key == PREFIX + "PORT":
        return _SERVICE_LINK_ADDRESS.fullmatch(value) is not None
    return _SERVICE_LINK.fullmatch(key) is not None


def setting_variables(environ: Mapping[str, str]) -> dict[str, str]:
    """The variables of `environ` meant as settings, known or not, as given."""
    return {
        key: value
        for key, value in environ.items()
        if key.startswith(PREFIX)
        and not key.startswith(PREFIX + "TEST_")
        and not is_service_link(key, value)
    }


class EnvironSource(EnvSettingsSource):
    """pydantic-settings' environment source over a given mapping rather than `os.environ`,
    so that a worker, a test or the CLI reads exactly the environment it passes."""

    def __init__(self, settings_cls: type[BaseSettings], environ: Mapping[str, str]) -> None:
        self.variables = setting_variables(environ)
        super().__init__(settings_cls, case_sensitive=False, env_prefix=PREFIX)

    def _load_env_vars(self) -> Mapping[str, str | None]:
        return parse_env_vars(self.variables, False, self.env_ignore_empty, self.env_parse_none_str)

    def unknown(self) -> list[str]:
        """The variables that look like settings but name none."""
        known = {PREFIX + name.upper() for name in self.settings_cls.model_fields}
        return [key for key in self.variables if key.upper() not in known]
