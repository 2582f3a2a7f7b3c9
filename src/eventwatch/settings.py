"""Settings, resolved once into an immutable object that is passed explicitly.

The declaration of every setting (type, default, range, help) is data:
``eventwatch/data/settings.toml``.  Resolution order, later wins:

1. the defaults declared there;
2. a user file: ``config_path`` if given, else ``$EVENTWATCH_CONFIG``, else
   ``./eventwatch.toml`` when it exists (a flat TOML table of ``name = value``);
3. explicit overrides (CLI options, keyword arguments).

Unknown names, wrong types and out-of-range values raise :class:`ConfigError`
naming the setting and the file it came from.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from eventwatch.errors import ConfigError

CONFIG_ENV = "EVENTWATCH_CONFIG"
LOCAL_CONFIG = "eventwatch.toml"


@dataclass(frozen=True, slots=True, kw_only=True)
class SettingSpec:
    """The declaration of one setting, read from ``data/settings.toml``."""

    name: str
    type: str
    default: Any
    help: str
    min: int | None = None
    max: int | None = None
    choices: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """All settings, resolved.  Build with :func:`load_settings`."""

    stages: tuple[str, ...]
    coder: str
    encoder_model: str
    model: str
    batch_size: int
    workers: int
    use_blis: bool
    blas_threads: int
    fast_components: bool
    db: str
    max_document_bytes: int
    max_text_chars: int
    progress: str
    data_dirs: tuple[str, ...] = ()
    executor: str = "local"
    scheduler: str = "local"

    def data_folders(self, part: str) -> tuple[Path, ...]:
        """``DIR/part`` of every folder of ``data_dirs`` that has one (actors, events)."""
        return tuple(
            Path(folder) / part for folder in self.data_dirs if (Path(folder) / part).is_dir()
        )

    def with_overrides(self, **overrides: Any) -> Settings:
        """A copy with some settings changed (validated like a user file)."""
        given = {k: v for k, v in overrides.items() if v is not None}
        checked = _validate(given, origin="overrides")
        return replace(self, **checked)

    def to_dict(self) -> dict[str, Any]:
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        out["stages"] = list(self.stages)
        out["data_dirs"] = list(self.data_dirs)
        return out


@lru_cache(maxsize=1)
def setting_specs() -> tuple[SettingSpec, ...]:
    """The declared settings, in declaration order."""
    raw = tomllib.loads(
        resources.files("eventwatch").joinpath("data/settings.toml").read_text("utf-8")
    )
    specs = []
    for name, body in raw.items():
        choices = body.get("choices")
        specs.append(
            SettingSpec(
                name=name,
                type=body["type"],
                default=body["default"],
                help=body["help"],
                min=body.get("min"),
                max=body.get("max"),
                choices=tuple(choices) if choices else None,
            )
        )
    declared = {spec.name for spec in specs}
    expected = {f.name for f in fields(Settings)}
    if declared != expected:  # a packaging bug, not a user error
        raise ConfigError(f"settings.toml declares {sorted(declared ^ expected)} inconsistently")
    return tuple(specs)


def _check_value(spec: SettingSpec, value: Any, origin: str) -> Any:
    where = f"setting '{spec.name}' (from {origin})"
    if spec.type == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"{where} must be an integer, got {value!r}")
        if spec.min is not None and value < spec.min:
            raise ConfigError(f"{where} must be >= {spec.min}, got {value}")
        if spec.max is not None and value > spec.max:
            raise ConfigError(f"{where} must be <= {spec.max}, got {value}")
        return value
    if spec.type == "bool":
        if not isinstance(value, bool):
            raise ConfigError(f"{where} must be true or false, got {value!r}")
        return value
    if spec.type == "str":
        if not isinstance(value, str) or not value:
            raise ConfigError(f"{where} must be a non-empty string, got {value!r}")
        if spec.choices and value not in spec.choices:
            raise ConfigError(f"{where} must be one of {', '.join(spec.choices)}, got {value!r}")
        return value
    if spec.type == "list[str]":
        if isinstance(value, str):
            value = [part.strip() for part in value.split(",") if part.strip()]
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where} must be a list of strings, got {value!r}")
        return tuple(value)
    raise ConfigError(f"{where} has an unknown declared type {spec.type!r}")


def _validate(values: Mapping[str, Any], *, origin: str) -> dict[str, Any]:
    specs = {spec.name: spec for spec in setting_specs()}
    checked: dict[str, Any] = {}
    for name, value in values.items():
        spec = specs.get(name)
        if spec is None:
            known = ", ".join(sorted(specs))
            raise ConfigError(f"unknown setting '{name}' in {origin}; known settings: {known}")
        checked[name] = _check_value(spec, value, origin)
    return checked


def _read_user_file(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except OSError as error:
        raise ConfigError(f"cannot read config file {path}: {error.strerror or error}") from error
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"config file {path} is not valid TOML: {error}") from error
    except UnicodeDecodeError as error:
        raise ConfigError(
            f"config file {path} is not UTF-8 text (byte {error.start}): save it as UTF-8"
        ) from error
    return data


def default_settings() -> Settings:
    """The declared defaults, with no user file applied."""
    defaults = {spec.name: spec.default for spec in setting_specs()}
    return Settings(**_validate(defaults, origin="data/settings.toml"))


def load_settings(
    *, config_path: str | Path | None = None, use_environment: bool = True, **overrides: Any
) -> Settings:
    """Resolve settings: defaults, then the user file, then ``overrides``.

    ``overrides`` whose value is ``None`` are ignored, so CLI options that were
    not given can be passed straight through.
    """
    settings = default_settings()
    path: Path | None = Path(config_path) if config_path else None
    if path is None and use_environment:
        env_path = os.environ.get(CONFIG_ENV)
        if env_path:
            path = Path(env_path)
        elif Path(LOCAL_CONFIG).is_file():
            path = Path(LOCAL_CONFIG)
    if path is not None:
        user = _validate(_read_user_file(path), origin=str(path))
        settings = replace(settings, **user)
    return settings.with_overrides(**overrides)


def render_default_config() -> str:
    """A commented TOML file with every setting at its default."""
    lines = ["# eventwatch configuration: uncomment and change what you need.", ""]
    for spec in setting_specs():
        lines.append(f"# {spec.help}")
        if spec.choices:
            lines.append(f"# one of: {', '.join(spec.choices)}")
        lines.append(f"# {spec.name} = {_toml_value(spec.default)}")
        lines.append("")
    return "\n".join(lines)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return str(value)
