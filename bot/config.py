"""Settings from the environment and `.env` (pydantic-settings); every one is documented in .env.example."""

from datetime import time
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


def _comma_ints(value: object) -> list[int]:
    if value is None or value == "":
        return []
    if isinstance(value, int):
        return [value]
    if isinstance(value, list | tuple):
        return [int(v) for v in value]
    parts = [p.strip() for p in str(value).split(",") if p.strip()]
    try:
        return [int(p) for p in parts]
    except ValueError:
        raise ValueError("expected comma-separated Telegram user ids, e.g. 12345,67890") from None


def _comma_positive_ints(value: object, example: str) -> list[int]:
    if isinstance(value, list | tuple):
        items = [int(v) for v in value]
    else:
        try:
            items = [int(p) for p in str(value).split(",") if p.strip()]
        except ValueError:
            raise ValueError(f"expected comma-separated whole numbers, e.g. {example}") from None
    if any(i < 0 for i in items):
        raise ValueError(f"numbers must not be negative, e.g. {example}")
    return items


class Settings(BaseSettings):
    """Everything Sinergi can be configured with; names are the environment variables."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore",
                                      case_sensitive=False)

    bot_token: SecretStr | None = None
    database_url: str = "sqlite+aiosqlite:///./sinergi.db"
    superadmin_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    telegram_api_url: str = ""
    timezone: str = "Asia/Jakarta"
    default_language: Literal["id", "en"] = "id"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"
    outbox_poll_seconds: float = Field(default=5.0, gt=0)
    stage_reminder_days: Annotated[list[int], NoDecode] = Field(default_factory=lambda: [7, 1, 0])
    lapsit_time: time = time(6, 0)  # WIB
    command_post_digest_minutes: int = Field(default=15, ge=1, le=1440)
    report_rate_limit: int = Field(default=20, ge=1)
    duplicate_window_minutes: int = Field(default=120, ge=1)
    meeting_reminder_minutes: Annotated[list[int], NoDecode] = Field(default_factory=lambda: [1440, 60])
    # Telegram's bots upload at most 50 MB; a local Bot API server allows up to 2,000 MB
    export_max_bytes: int = Field(default=50 * 1024 * 1024, ge=1024, le=2000 * 1024 * 1024)
    web_host: str = "127.0.0.1"
    web_port: int = Field(default=8080, ge=0, le=65535)  # 0: no web admin
    web_secret_key: SecretStr | None = None  # signs the session cookies; random per process when empty
    web_public_url: str = ""  # e.g. https://sinergi.example.go.id behind a reverse proxy (https → Secure cookies)
    map_tile_url: str = ""  # e.g. https://tile.example.org/{z}/{x}/{y}.png; empty: markers on a plain background

    @field_validator("superadmin_ids", mode="before")
    @classmethod
    def _parse_superadmins(cls, value: object) -> list[int]:
        return _comma_ints(value)

    @field_validator("meeting_reminder_minutes", mode="before")
    @classmethod
    def _parse_meeting_reminders(cls, value: object) -> list[int]:
        return sorted(set(_comma_positive_ints(value, "1440,60")), reverse=True)

    @field_validator("stage_reminder_days", mode="before")
    @classmethod
    def _parse_stage_reminders(cls, value: object) -> list[int]:
        return sorted(set(_comma_positive_ints(value, "7,1,0")), reverse=True)

    @field_validator("lapsit_time", mode="before")
    @classmethod
    def _parse_lapsit_time(cls, value: object) -> object:
        if isinstance(value, str):
            text = value.strip().lower().removesuffix("wib").strip()
            hours, sep, minutes = text.replace(".", ":").partition(":")
            if not (sep and hours.isdigit() and minutes.isdigit() and int(hours) < 24 and int(minutes) < 60
                    and len(minutes) == 2):
                raise ValueError("expected a WIB time of day such as 06:00 or 06.00")
            return time(int(hours), int(minutes))
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_level(cls, value: object) -> object:
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("default_language", mode="before")
    @classmethod
    def _lower_language(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("bot_token", mode="before")
    @classmethod
    def _empty_token(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            return None
        if isinstance(value, str) and ":" not in value:
            raise ValueError("a bot token looks like 123456789:AA... (from @BotFather)")
        return value

    @field_validator("database_url")
    @classmethod
    def _check_database_url(cls, value: str) -> str:
        value = value.strip()
        for plain, driver in (("sqlite://", "sqlite+aiosqlite://"), ("postgresql://", "postgresql+asyncpg://"),
                              ("postgres://", "postgresql+asyncpg://")):
            if value.startswith(plain):
                value = driver + value[len(plain):]
        if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError("use sqlite+aiosqlite:///./file.db or postgresql+asyncpg://user:pass@host/db")
        return value

    @field_validator("telegram_api_url")
    @classmethod
    def _check_api_url(cls, value: str) -> str:
        value = value.strip().rstrip("/")
        if value and not value.startswith(("http://", "https://")):
            raise ValueError("expected the Bot API server root, e.g. http://127.0.0.1:8081 (or empty)")
        if value.endswith("/bot"):
            raise ValueError("give the server root without /bot; the bot adds /bot and /file/bot itself")
        return value

    @field_validator("web_secret_key", mode="before")
    @classmethod
    def _empty_secret(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            return None
        if isinstance(value, str) and len(value.strip()) < 32:
            raise ValueError("use at least 32 random characters, e.g. from: python -c 'import secrets; "
                             "print(secrets.token_urlsafe(48))'")
        return value

    @field_validator("web_public_url", "map_tile_url")
    @classmethod
    def _check_web_urls(cls, value: str, info: ValidationInfo) -> str:
        value = value.strip().rstrip("/") if info.field_name == "web_public_url" else value.strip()
        if value and not value.startswith(("http://", "https://")):
            raise ValueError("expected an http:// or https:// address (or empty)")
        if value and info.field_name == "map_tile_url" and not all(p in value for p in ("{z}", "{x}", "{y}")):
            raise ValueError("a tile URL template needs {z}, {x} and {y}, e.g. https://tile.example.org/{z}/{x}/{y}.png")
        return value

    @field_validator("timezone")
    @classmethod
    def _check_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("expected an IANA time zone name, e.g. Asia/Jakarta") from None
        return value

    @property
    def tz(self) -> ZoneInfo:
        """The display time zone."""
        return ZoneInfo(self.timezone)

    @property
    def api_base_url(self) -> str | None:
        """`<root>/bot` for a custom Bot API server, None for the real Telegram."""
        return f"{self.telegram_api_url}/bot" if self.telegram_api_url else None

    @property
    def api_file_url(self) -> str | None:
        """`<root>/file/bot` for a custom Bot API server, None for the real Telegram."""
        return f"{self.telegram_api_url}/file/bot" if self.telegram_api_url else None

    def token(self) -> str:
        """The bot token (raises if missing; callers check first)."""
        if self.bot_token is None:
            raise RuntimeError("BOT_TOKEN is not set")
        return self.bot_token.get_secret_value()


def describe_error(error: ValidationError) -> str:
    """One line naming the first bad setting and what is wrong with it."""
    first = error.errors()[0]
    name = str(first["loc"][0]).upper() if first.get("loc") else "settings"
    message = first.get("msg", "invalid value").removeprefix("Value error, ")
    return f"Setting {name} is invalid: {message}"


def load_settings() -> Settings:
    """Read the settings (raises ValidationError on a bad value)."""
    return Settings()
