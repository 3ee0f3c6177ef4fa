"""The secret ballot against someone who holds the database (docs/council-voting.md, issue 11).

The attack of issue 11, reproduced on PostgreSQL: ``pageinspect`` reads every row version of
every table — dead ones included — and the transaction id that wrote it; a member's vote receipt
carries the id of the transaction that recorded the vote, so anything that transaction wrote can
be joined to the member. Under the old design the counters' row versions gave the choices away.
Now a vote's transaction writes no counter and no choice in clear, so nothing is recovered, on an
open ballot or a counted one; and once counted, the key is gone and nothing left in the database
opens a ciphertext.
"""

import re

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from awards import ballot_crypto as crypto
from awards.enums import BallotStatus, Choice
from awards.models import Ballot, BallotItem, BallotKey, SealedVote, VoteReceipt
from awards.services import voting
from tests.awards.test_voting import MARKS, _accepted, _attend, _choices, _open_ballot
from tests.concurrency import postgresql_only, race

pytestmark = [postgresql_only, race]


@pytest.fixture
def secretary(council):
    return council.secretary.user


@pytest.fixture
def nominees(conference, unit_a, unit_b, giay_khen):
    """Three accepted individuals: on the ballot in name order, Lê Minh An, Trần Văn Bình, Nguyễn Thị Hường."""
    return [
        _accepted(conference, unit_a, giay_khen, "Nguyễn Thị Hường", gender="female"),
        _accepted(conference, unit_b, giay_khen, "Trần Văn Bình"),
        _accepted(conference, unit_a, giay_khen, "Lê Minh An"),
    ]


# What a vote's transaction may write: THAT the member voted, and the sealed vote.
VOTE_TABLES = {
    "awards_votereceipt",
    "awards_historicalvotereceipt",
    "awards_sealedvote",
    "awards_recusal",
    "awards_historicalrecusal",
}
CHOICE_BYTES = [word.encode() for word in ("agree", "disagree", "abstain", "Đồng ý", "đồng ý", "biểu quyết")]


def _row_versions() -> list[tuple[str, int, bytes]]:
    """(table, xmin, raw tuple) of every row version, live or dead, of every table and TOAST table."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pageinspect")
        # Each table of the schema, and its TOAST table (long values) under the table's own name.
        cursor.execute(
            "SELECT c.oid::regclass::text, c.relname FROM pg_class c WHERE c.relkind = 'r' "
            "AND c.relnamespace = 'public'::regnamespace UNION ALL "
            "SELECT t.oid::regclass::text, c.relname FROM pg_class c JOIN pg_class t ON t.oid = c.reltoastrelid "
            "WHERE c.relnamespace = 'public'::regnamespace"
        )
        tables = cursor.fetchall()
        versions = []
        for regclass, name in tables:
            cursor.execute("SELECT pg_relation_size(%s::regclass) / current_setting('block_size')::int", [regclass])
            for page in range(cursor.fetchone()[0]):
                cursor.execute(
                    "SELECT t_xmin::text::bigint, t_data FROM heap_page_items(get_raw_page(%s, %s)) "
                    "WHERE t_data IS NOT NULL",
                    [regclass, page],
                )
                versions += [(name, xmin, bytes(data)) for xmin, data in cursor.fetchall()]
    return versions


def _vote_transactions(ballot) -> dict[int, int]:
    """Transaction id → the member whose vote it recorded (what a receipt's xmin tells)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT xmin::text::bigint, member_id FROM awards_votereceipt WHERE ballot_id = %s", [ballot.pk])
        return dict(cursor.fetchall())


def _attack(ballot) -> dict[int, dict]:
    """What the issue's attack recovers: for each voter, the counter changes their transaction wrote."""
    voters = _vote_transactions(ballot)
    versions = _row_versions()
    written = {(table, xmin) for table, xmin, _data in versions if xmin in voters}
    assert {table for table, _xmin in written} <= VOTE_TABLES, written
    recovered: dict[int, dict] = {}
    for table, xmin, data in versions:
        if xmin in voters and table.startswith("awards_ballotitem"):
            recovered.setdefault(voters[xmin], {})[table] = data  # a counter row stamped with a voter's id
        if xmin in voters:
            assert not any(word in data for word in CHOICE_BYTES), (table, data[:80])
    return recovered


def _no_factor_of(n: int, versions) -> None:
    """No stored number, in decimal or hex, is a prime factor of the ballot's modulus."""
    for _table, _xmin, data in versions:
        text = data.decode("latin-1")
        for run in re.findall(r"[0-9]{100,}", text):
            assert int(run) == n or n % int(run), "a factor of n is stored"
        for run in re.findall(r"[0-9a-f]{64,}", text):
            assert n % int(run, 16), "a factor of n is stored in hex"


def test_no_row_version_tells_a_members_choice_on_an_open_or_a_counted_ballot(
    migrated_rows, meeting, council, secretary, giay_khen, nominees
):
    ballot = _open_ballot(meeting, council, secretary, giay_khen)
    passphrase = ballot.passphrase
    for member, marks in zip(council.members, MARKS, strict=False):
        voting.cast_secret_vote(ballot, member, _choices(ballot, *marks), by=member.user)

    # The ballot is open: the last voter is as hidden as the first.
    assert _attack(ballot) == {}
    ciphertexts = [c for vote in SealedVote.objects.filter(ballot=ballot) for c in vote.ciphertexts.values()]
    assert len(ciphertexts) == 24 and len(set(ciphertexts)) == 24  # equal choices never give equal ciphertexts
    n = int(BallotKey.objects.get(ballot=ballot).public_n)
    encoded = {str(1 + n * value) for value in (crypto.AGREE, crypto.DISAGREE, crypto.ABSTAIN)}
    assert not encoded & set(ciphertexts)  # no ciphertext is a value encrypted without its random factor
    assert set(BallotItem.objects.filter(ballot=ballot).values_list("votes_for", "votes_against")) == {(0, 0)}
    _no_factor_of(n, _row_versions())

    voting.close_ballot(ballot, by=secretary)
    voting.count_ballot(ballot, passphrase=passphrase, by=secretary)
    counts = list(BallotItem.objects.filter(ballot=ballot).order_by("order").values_list(
        "votes_for", "votes_against", "votes_abstain"
    ))  # fmt: skip
    assert counts == [(6, 2, 0), (3, 4, 1), (4, 3, 1)]  # the counts are right ...
    assert _attack(ballot) == {}  # ... and still nobody's choice comes out of the pages


def test_after_the_count_the_key_is_gone_and_nothing_in_the_database_opens_a_vote(
    migrated_rows, meeting, council, secretary, giay_khen, nominees
):
    """The secretary's meeting page, the members' voting page, the count: then read every page."""
    _attend(meeting, council, 9, by=secretary)
    office = Client()
    office.force_login(secretary)
    run = reverse("admin:awards_councilmeeting_run", args=[meeting.pk])
    board = {f"board_{n}": council.members[i].pk for n, i in (("head", 1), ("member_1", 2), ("member_2", 3))}
    office.post(run, {"action": "attendance", **{f"present_{m.pk}": "on" for m in council.members}, **board})
    office.post(run, {"action": "open-meeting"})
    opened = office.post(run, {"action": "open-ballots"})
    passphrase = opened.context["passphrase"]
    ballot = Ballot.objects.get(meeting=meeting)
    items = list(ballot.items.order_by("order"))
    for member, marks in zip(council.members, MARKS, strict=False):
        client = Client()
        client.force_login(member.user)
        data = {f"item_{item.pk}": mark for item, mark in zip(items, marks, strict=True) if mark}
        client.post(reverse("admin:awards_ballot_vote", args=[ballot.pk]), data)
    assert VoteReceipt.objects.filter(ballot=ballot).count() == 8
    key = BallotKey.objects.get(ballot=ballot)
    stolen = crypto.SealedKey(key.public_n, key.salt, key.seal)  # what a backup taken now would hold
    assert crypto.unseal(stolen, passphrase) is not None  # only the passphrase opens it, and it is not stored

    office.post(run, {"action": "close-ballots"})
    office.post(run, {"action": "count", "passphrase": passphrase})
    ballot.refresh_from_db()
    assert ballot.status == BallotStatus.CLOSED
    key.refresh_from_db()
    assert (key.salt, key.seal, key.destroyed_at is not None) == ("", "", True)

    versions = _row_versions()
    raw = b"".join(data for _table, _xmin, data in versions)
    with connection.cursor() as cursor:  # the live rows too, decompressed
        cursor.execute("SELECT string_agg(session_data, '') FROM django_session")
        raw += (cursor.fetchone()[0] or "").encode()
    bare = crypto.normalise_passphrase(passphrase)
    assert passphrase.encode() not in raw and bare.encode() not in raw
    candidates = set(re.findall(rb"[0-9A-Za-z-]{16,40}", raw))
    assert all(crypto.unseal(stolen, token.decode()) is None for token in candidates)
    _no_factor_of(int(key.public_n), versions)
    # The one way in is gone from the live table: the seal now opens with nothing.
    emptied = crypto.SealedKey(key.public_n, key.salt or "00", key.seal or "0")
    assert crypto.unseal(emptied, passphrase) is None
    assert Choice.AGREE  # the choices' names are known to everyone; which member chose one is not
