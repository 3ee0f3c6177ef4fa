"""What a secret ballot stores instead of choices: its sealed key and the members' ciphertexts.

Neither model has a history table, and neither points to a member or a user:

- ``BallotKey``: the ballot's public Paillier modulus and the private key sealed under the
  vote-counting board's passphrase (never stored). The count clears the seal and the salt.
- ``SealedVote``: one member's vote, as one ciphertext per nominee, and its tracking code.
  The same tracking code is on that member's ``VoteReceipt``: it tells the member their vote
  was counted; only the key, destroyed at the count, could read it.

See awards/ballot_crypto.py and docs/council-voting.md.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class BallotKey(models.Model):
    ballot = models.OneToOneField(
        "awards.Ballot", on_delete=models.CASCADE, primary_key=True, related_name="key", verbose_name=_("ballot")
    )
    # Written by the application only (not editable): decimal modulus, hex salt and seal.
    public_n = models.CharField(_("public key"), max_length=1300, editable=False)
    salt = models.CharField(_("salt"), max_length=64, blank=True, editable=False)
    seal = models.CharField(_("sealed private key"), max_length=700, blank=True, editable=False)
    destroyed_at = models.DateTimeField(_("private key destroyed"), null=True, blank=True)

    class Meta:
        verbose_name = _("ballot key")
        verbose_name_plural = _("ballot keys")

    def __str__(self) -> str:
        return str(self.ballot_id)


class SealedVote(models.Model):
    ballot = models.ForeignKey(
        "awards.Ballot", on_delete=models.CASCADE, related_name="sealed_votes", verbose_name=_("ballot")
    )
    code = models.CharField(_("tracking code"), max_length=11, editable=False)
    ciphertexts = models.JSONField(_("ciphertexts"), editable=False)

    class Meta:
        verbose_name = _("sealed vote")
        verbose_name_plural = _("sealed votes")
        ordering = ["ballot", "code"]
        constraints = [models.UniqueConstraint(fields=["ballot", "code"], name="one_tracking_code_per_ballot")]

    def __str__(self) -> str:
        return self.code
