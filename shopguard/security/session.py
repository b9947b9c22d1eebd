"""Who is using the owner's window: the logged-in user kept in the AppContext (no Qt here)."""

from __future__ import annotations

from shopguard.context import AppContext
from shopguard.security.passwords import SecretKind
from shopguard.security.permissions import Role
from shopguard.storage.users import User, get_user, list_users

USER_SERVICE = "user"  # key in AppContext.services


def set_current_user(context: AppContext, user: User) -> None:
    context.services[USER_SERVICE] = user
    context.actor = user.name


def current_user(context: AppContext) -> User | None:
    """The logged-in user; before any account exists (login not set up) the window acts as the owner;
    once accounts exist, an unknown actor gets None (no rights)."""
    user = context.services.get(USER_SERVICE)
    if isinstance(user, User):
        return user
    found = get_user(context.db, context.actor)
    if found is not None:
        return found
    if not list_users(context.db):
        return _setup_owner(context.actor)
    return None


def _setup_owner(name: str) -> User:
    return User(
        id=0,
        name=name,
        role=Role.OWNER,
        secret_kind=SecretKind.PIN,
        secret_hash="",
        created_utc="",
        disabled=False,
        failed_count=0,
        locked_until_utc=None,
        last_login_utc=None,
    )
