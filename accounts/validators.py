"""Our own password validator, next to Django's four (settings.AUTH_PASSWORD_VALIDATORS)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The demo accounts' password is printed in the README: nobody may choose it for a real account.
# seed_demo stores it with make_password(), which runs no validator, so the demo keeps working.
PUBLISHED_PASSWORDS = frozenset({"hoinghi-demo", "hoinghi-test"})


class NotDemoPasswordValidator:
    """Refuse the published demo password (in any letter case)."""

    def validate(self, password, user=None):
        if password.strip().lower() in PUBLISHED_PASSWORDS:
            raise ValidationError(
                _("This password is published in the demo instructions; choose another one."),
                code="password_published",
            )

    def get_help_text(self):
        return _("Your password can't be the demo password.")
