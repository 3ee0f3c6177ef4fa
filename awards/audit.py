"""Write an audit row; every awards service calls this for its state changes."""

from awards.models import AuditAction, AuditEntry


def audit(conference, action: AuditAction, target: object, *, by) -> AuditEntry:
    return AuditEntry.objects.create(conference=conference, action=action, target=str(target)[:300], by=by)
