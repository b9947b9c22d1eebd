"""Who may do what: roles, permissions and `require(user, permission)` for every guarded action.

Call `require(user, Permission.EXPORT)` at the top of an export, deletion or settings change; it raises
`PermissionDenied` (a ShopGuardError with a plain bilingual message) when the user lacks the right."""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol

from shopguard.errors import ShopGuardError


class Role(StrEnum):
    OWNER = "owner"  # everything
    STAFF = "staff"  # day-to-day work: no export, no deletion, no settings, no accounts
    KIOSK = "kiosk"  # the unattended kiosk and door screens: run without login, reach nothing else


class Permission(StrEnum):
    VIEW_LIVE = "view_live"
    VIEW_FOOTAGE = "view_footage"  # recorded footage, snapshots, incidents
    PLAY_CLIPS = "play_clips"
    HANDLE_EVENTS = "handle_events"  # acknowledge / close alerts
    SELL = "sell"  # kiosk and counter sales
    ISSUE_PASS = "issue_pass"
    REVOKE_PASS = "revoke_pass"
    DOOR = "door"  # the door screen: scan passes, open the door
    EXPORT = "export"  # footage, incident packages, reports, the ledger as CSV
    DELETE = "delete"  # footage, incidents, sales, passes
    SETTINGS = "settings"
    MANAGE_USERS = "manage_users"
    VIEW_AUDIT = "view_audit"
    REVIEW_AUDIT = "review_audit"  # the monthly ledger review


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.OWNER: frozenset(Permission),
    Role.STAFF: frozenset(
        {
            Permission.VIEW_LIVE,
            Permission.VIEW_FOOTAGE,
            Permission.PLAY_CLIPS,
            Permission.HANDLE_EVENTS,
            Permission.SELL,
            Permission.ISSUE_PASS,
            Permission.REVOKE_PASS,
            Permission.DOOR,
        }
    ),
    Role.KIOSK: frozenset({Permission.SELL, Permission.DOOR}),
}

PERMISSION_LABELS: dict[Permission, tuple[str, str]] = {
    Permission.VIEW_LIVE: ("실시간 영상 보기", "view live cameras"),
    Permission.VIEW_FOOTAGE: ("녹화 영상 보기", "view recorded footage"),
    Permission.PLAY_CLIPS: ("영상 재생", "play clips"),
    Permission.HANDLE_EVENTS: ("알림 처리", "handle alerts"),
    Permission.SELL: ("판매", "sell"),
    Permission.ISSUE_PASS: ("출입증 발급", "issue passes"),
    Permission.REVOKE_PASS: ("출입증 취소", "revoke passes"),
    Permission.DOOR: ("출입문 사용", "use the door"),
    Permission.EXPORT: ("내보내기", "export"),
    Permission.DELETE: ("삭제", "delete"),
    Permission.SETTINGS: ("설정 변경", "change settings"),
    Permission.MANAGE_USERS: ("사용자 관리", "manage users"),
    Permission.VIEW_AUDIT: ("열람 기록 보기", "view the access ledger"),
    Permission.REVIEW_AUDIT: ("열람 기록 월간 점검", "review the access ledger"),
}


class HasRole(Protocol):
    name: str
    role: Role


class PermissionDenied(ShopGuardError):
    """The logged-in user may not do this; the message says what and who may."""

    def __init__(self, ko: str, en: str, permission: Permission) -> None:
        super().__init__(ko, en)
        self.permission = permission


def allowed(user: HasRole | None, permission: Permission) -> bool:
    """True when `user` (None = nobody logged in) holds `permission`."""
    if user is None or getattr(user, "disabled", False):
        return False
    return permission in ROLE_PERMISSIONS.get(Role(user.role), frozenset())


def require(user: HasRole | None, permission: Permission) -> None:
    """Raise PermissionDenied unless `user` holds `permission`."""
    if allowed(user, permission):
        return
    ko_what, en_what = PERMISSION_LABELS[Permission(permission)]
    if user is None:
        raise PermissionDenied(
            f"'{ko_what}'은(는) 로그인한 뒤에 할 수 있습니다",
            f"log in to {en_what}",
            permission,
        )
    raise PermissionDenied(
        f"'{user.name}' 계정은 '{ko_what}' 권한이 없습니다. 점주(사장님) 계정으로 로그인하세요.",
        f"account '{user.name}' may not {en_what}; log in with the owner's account",
        permission,
    )
