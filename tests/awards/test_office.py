"""The Office's pages (council results, decisions and proposals) and the admin of decisions and rules."""

import pytest
from django.test import Client
from django.urls import reverse

from awards.enums import BallotStatus, DecisionStatus, DocumentType, TallyOutcome
from awards.models import Ballot, Decision, PrintedDocument, TieDecision
from awards.services import council as council_services
from awards.services.decisions import draft_decision
from awards.services.printing import record_printed
from nominations.models import Nomination
from tests import awards_fixtures as fixtures
from tests import factories as f
from tests.awards_fixtures import DEPARTMENT, GIVEN, D, S, approved, ballot_with, messages_of, vi

# The shared fixtures, as module globals (they win over same-named conftest fixtures).
meeting = fixtures.meeting
quota = fixtures.quota
tied_ballot = fixtures.tied_ballot
chair = fixtures.chair
money_rules = fixtures.money_rules
signer = fixtures.signer
awardees = fixtures.awardees
issued = fixtures.issued
proposal = fixtures.proposal

T = TallyOutcome


# --- the results page ----------------------------------------------------------------------


def test_results_page_anonymous_is_sent_to_login(anon_client):
    response = anon_client.get(reverse("council_results"))

    assert (response.status_code, response["Location"]) == (302, "/accounts/login/?next=/awards/results/")


@pytest.mark.parametrize("persona", ["client_a", "council_client"])
def test_results_page_not_office_is_forbidden(request, conference, persona):
    response = request.getfixturevalue(persona).get(reverse("council_results"))

    assert response.status_code == 403


def test_results_page_shows_counts_percentages_ranks_and_the_tie(tied_ballot, chair, office_client, testid_texts):
    response = office_client.get(reverse("council_results"))

    assert response.status_code == 200
    assert testid_texts(response, "item") == [
        f"1 Ông Nguyễn Văn An Phòng Quản lý khoa học 9 0 100% 1 {vi('Approved')}",
        f"2 Ông Nguyễn Văn Bình Phòng Quản lý khoa học 8 1 88,89% 2 {vi('Approved')}",
        f"3 Ông Nguyễn Văn Cường Phòng Quản lý khoa học 7 2 77,78% 3 {vi('Tied at the cut line')}",
        f"4 Ông Nguyễn Văn Dũng Phòng Quản lý khoa học 7 2 77,78% 3 {vi('Tied at the cut line')}",
        f"5 Ông Nguyễn Văn Đức Phòng Quản lý khoa học 5 4 55,56% 5 {vi('Passed, beyond the quota')}",
    ]
    assert testid_texts(response, "blocking") == [
        vi("Tie at the cut line: record the chair's decision or hold a re-vote on the tied nominees.")
    ]
    form = response.context["rows"][0]["tie_form"]
    assert [label for _, label in form.fields["chosen"].choices] == ["Nguyễn Văn Cường", "Nguyễn Văn Dũng"]
    assert list(form.fields["decided_by"].queryset) == [chair]


def test_results_page_hides_the_counts_of_an_open_ballot(meeting, giay_khen, unit_a, office_client, testid_texts):
    ballot_with(meeting, giay_khen, unit_a, [7], status=BallotStatus.OPEN)

    response = office_client.get(reverse("council_results"))

    assert testid_texts(response, "not-counted") == [vi("Results are shown only after the ballot is closed.")]
    assert testid_texts(response, "item") == []
    assert "77,78" not in response.content.decode()


def test_results_page_links_the_documents_of_a_closed_ballot_only(meeting, giay_khen, unit_a, office_client):
    closed = ballot_with(meeting, giay_khen, unit_a, [7])
    ballot_with(meeting, giay_khen, unit_a, [6], status=BallotStatus.OPEN, names=["Trần Thị Lan"])

    response = office_client.get(reverse("council_results"))

    html = response.content.decode()
    assert html.count('data-testid="ballot-documents"') == 1
    assert f'href="{reverse("ballot_count_pdf", args=[closed.pk])}"' in html
    assert f'href="{reverse("meeting_minutes_pdf", args=[meeting.pk])}"' in html


def test_settle_and_apply_through_the_page(tied_ballot, chair, office_client):
    items = list(tied_ballot.items.order_by("order"))
    prefix = f"tie{tied_ballot.pk}"

    office_client.post(
        reverse("ballot_settle_tie", args=[tied_ballot.pk]),
        {
            f"{prefix}-decided_by": chair.pk,
            f"{prefix}-chosen": [items[2].pk],
            f"{prefix}-reason": "Bỏ phiếu lại không cần",
        },
    )
    response = office_client.post(reverse("ballot_apply", args=[tied_ballot.pk]), follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        vi("The chair's decision on the tie is recorded."),
        vi("Council outcome applied: %(approved)d of %(total)d approved.") % {"approved": 3, "total": 5},
    ]
    assert [i.nomination.status for i in tied_ballot.items.select_related("nomination").order_by("order")] == [
        S.APPROVED,
        S.APPROVED,
        S.APPROVED,
        S.NOT_APPROVED,
        S.NOT_APPROVED,
    ]


def test_apply_through_the_page_reports_the_refusal(tied_ballot, office_client):
    response = office_client.post(reverse("ballot_apply", args=[tied_ballot.pk]), follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        vi("Tie at the cut line: record the chair's decision or hold a re-vote on the tied nominees.")
    ]
    assert Ballot.objects.get().status == BallotStatus.CLOSED


def test_apply_through_the_page_not_office_is_forbidden(tied_ballot, client_a):
    response = client_a.post(reverse("ballot_apply", args=[tied_ballot.pk]))

    assert response.status_code == 403
    assert Ballot.objects.get().status == BallotStatus.CLOSED


# session, user, groups, conference, ballots, items, tie choices, quotas, approved counts.
@pytest.mark.parametrize("count", [1, 3])
def test_results_page_query_count_is_constant(
    django_assert_num_queries, office_client, meeting, giay_khen, unit_a, quota, count
):
    for i in range(count):
        ballot_with(meeting, giay_khen, unit_a, [9, 4], names=[f"Hồ Văn {GIVEN[2 * i]}", f"Hồ Văn {GIVEN[2 * i + 1]}"])
    f.TallyBallotFactory(meeting=meeting, award_form=giay_khen, status=BallotStatus.OPEN)

    with django_assert_num_queries(8):
        response = office_client.get(reverse("council_results"))

    assert len(response.context["rows"]) == count + 1


# --- Office pages --------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["decision_list", "decision_detail"])
def test_decision_pages_anonymous_is_sent_to_login(anon_client, issued, name):
    url = reverse(name, args=[issued.pk] if name == "decision_detail" else [])

    response = anon_client.get(url)

    assert (response.status_code, response["Location"]) == (302, f"/accounts/login/?next={url}")


@pytest.mark.parametrize("persona", ["client_a", "council_client"])
@pytest.mark.parametrize("name", ["decision_list", "decision_detail"])
def test_decision_pages_not_office_is_forbidden(request, issued, persona, name):
    response = request.getfixturevalue(persona).get(
        reverse(name, args=[issued.pk] if name == "decision_detail" else [])
    )

    assert response.status_code == 403
    assert "Trung tâm Thông tin và Thống kê" not in response.content.decode()


def test_decision_detail_shows_the_list_with_money(office_client, issued, testid_texts):
    response = office_client.get(reverse("decision_detail", args=[issued.pk]))

    assert testid_texts(response, "decision-heading") == [
        f"{vi('Decision (Quyết định)')} {vi('number %(number)s', number='01/QĐ-SKHCN')}"
    ]
    assert testid_texts(response, "entry") == [
        f"1 Phòng Quản lý khoa học {DEPARTMENT} 1.410.000",
        f"2 Trung tâm Thông tin và Thống kê {DEPARTMENT} 1.410.000",
        f"3 Ông Lê Văn An Chuyên viên, Phòng Quản lý khoa học, {DEPARTMENT} 710.000",
        f"4 Ông Đặng Văn Bình Chuyên viên, Phòng Quản lý khoa học, {DEPARTMENT} 710.000",
        f"5 Bà Nguyễn Thị Hường Chuyên viên, Phòng Quản lý khoa học, {DEPARTMENT} 710.000",
    ]
    assert testid_texts(response, "total-words") == [f"{vi('In words')}: Bốn triệu chín trăm năm mươi nghìn đồng"]
    assert testid_texts(response, "total")[0].endswith(" 4.950.000")
    assert testid_texts(response, "replace-form") != []
    assert testid_texts(response, "issue-form") == []
    assert "awards/_document_links.html" in [t.name for t in response.templates]


def test_decision_list_shows_numbers_and_waiting_counts(office_client, issued, testid_texts):
    response = office_client.get(reverse("decision_list"))

    assert testid_texts(response, "decision") == [
        f"01/QĐ-SKHCN 20/12/2025 {vi('Decision (Quyết định)')} Giấy khen của Giám đốc Sở {issued.title} 5 "
        f"{vi('Issued')}"
    ]
    assert [(form.code, n) for form, n in response.context["forms_waiting"]] == [("giay-khen", 0), ("bang-khen", 0)]


def test_the_whole_path_through_the_pages(office_client, conference, giay_khen, awardees, signer):
    drafted = office_client.post(reverse("decision_draft"), {"award_form": giay_khen.pk, "title": ""}, follow=True)
    decision = Decision.objects.get()
    issued_page = office_client.post(
        reverse("decision_issue", args=[decision.pk]), {"date": "20/12/2025", "signer": signer.pk}, follow=True
    )
    replaced_page = office_client.post(
        reverse("decision_replace", args=[decision.pk]), {"reason": "Sai tên"}, follow=True
    )

    assert messages_of(drafted) == [vi("Draft prepared with %(count)d entries.") % {"count": 5}]
    assert messages_of(issued_page) == [vi("Issued as No. %(number)s.") % {"number": "01/QĐ-SKHCN"}]
    assert messages_of(replaced_page) == [vi("Correction drafted; issue it to replace the decision.")]
    assert replaced_page.context["decision"].replaces == decision
    assert Decision.objects.get(pk=decision.pk).status == DecisionStatus.ISSUED


def test_record_province_decision_through_the_page(office_client, proposal):
    response = office_client.post(
        reverse("decision_province", args=[proposal.pk]), {"number": "2345/QĐ-UBND", "date": "15/01/2026"}, follow=True
    )

    assert messages_of(response) == [vi("The province's decision is recorded; the awardees are now awarded.")]
    assert set(Nomination.objects.values_list("status", flat=True)) == {S.AWARDED}


def test_issue_through_the_page_reports_a_bad_form(office_client, conference, giay_khen, awardees, signer, office_user):
    draft = draft_decision(conference, giay_khen, by=office_user)

    response = office_client.post(
        reverse("decision_issue", args=[draft.pk]), {"date": "", "signer": signer.pk}, follow=True
    )

    assert messages_of(response) == [f"{vi('Date')}: {vi('This field is required.')}"]
    assert Decision.objects.get(pk=draft.pk).status == DecisionStatus.DRAFT


def test_decision_post_not_office_is_forbidden(client_a, issued):
    response = client_a.post(reverse("decision_replace", args=[issued.pk]), {"reason": "Sửa"})

    assert response.status_code == 403
    assert Decision.objects.count() == 1


# session, user, groups, conference, decisions, waiting counts, award forms.
@pytest.mark.parametrize("count", [1, 3])
def test_decision_list_query_count_is_constant(
    django_assert_num_queries, office_client, conference, giay_khen, unit_a, money_rules, office_user, count
):
    for i in range(count):
        approved(conference, giay_khen, f"Lê Văn Số{'abc'[i]}", unit_a)
        draft_decision(conference, giay_khen, by=office_user)

    with django_assert_num_queries(6):
        response = office_client.get(reverse("decision_list"))

    assert len(response.context["decisions"]) == count


# session, user, groups, conference, decision, entries, active signers (issue form).
@pytest.mark.parametrize("count", [1, 3])
def test_decision_detail_query_count_is_constant(
    django_assert_num_queries, office_client, conference, giay_khen, unit_a, money_rules, signer, office_user, count
):

    for i in range(count):
        approved(conference, giay_khen, f"Lê Văn Số{'abc'[i]}", unit_a)
    decision = draft_decision(conference, giay_khen, by=office_user)

    with django_assert_num_queries(6):
        response = office_client.get(reverse("decision_detail", args=[decision.pk]))

    assert len(response.context["entries"]) == count


# --- admin ---------------------------------------------------------------------------------


@pytest.fixture
def super_client(db):
    client = Client()
    client.force_login(f.UserFactory(username="quantri", is_superuser=True, is_staff=True))
    return client


def _decision(i):
    conference = f.ConferenceFactory(is_current=False)
    return Decision.objects.create(
        conference=conference,
        document_type=DocumentType.DECISION,
        award_form=f.AwardFormFactory(code=f"hinh-thuc-{i}"),
        title=f"Quyết định {i}",
        created_by=f.UserFactory(),
    )


def _tie_decision(i):
    conference = f.ConferenceFactory(is_current=False)
    ballot = f.TallyBallotFactory(
        meeting=f.TallyMeetingFactory(conference=conference), award_form=f.AwardFormFactory(code=f"hinh-thuc-{i}")
    )
    return TieDecision.objects.create(
        ballot=ballot,
        decided_by=f.TallyMemberFactory(conference=conference),
        reason="Lý do",
        recorded_by=f.UserFactory(),
    )


MAKERS = {
    "legalbasis": lambda i: f.LegalBasisFactory(),
    "signer": lambda i: f.SignerFactory(),
    "basesalary": lambda i: f.BaseSalaryFactory(effective_from=D(2020 + i, 7, 1)),
    "rewardrule": lambda i: f.RewardRuleFactory(award_form=f.AwardFormFactory(code=f"hinh-thuc-{i}")),
    "decision": _decision,
    "tiedecision": _tie_decision,
    "printeddocument": lambda i: PrintedDocument.objects.create(
        conference=f.ConferenceFactory(is_current=False), what=f"Quyết định {i}", printed_by=f.UserFactory(),
    ),
}  # fmt: skip
# Session, the user with the roles, two counts, the rows; plus the list filters' choices.
QUERIES = {
    "legalbasis": 5,
    "signer": 5,
    "basesalary": 5,
    "rewardrule": 6,
    "decision": 6,
    "tiedecision": 5,
    "printeddocument": 5,
}


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize("model", sorted(MAKERS))
def test_admin_changelist_queries_are_constant(super_client, django_assert_num_queries, model, rows):
    for i in range(rows):
        MAKERS[model](i)

    with django_assert_num_queries(QUERIES[model]):
        response = super_client.get(reverse(f"admin:awards_{model}_changelist"))

    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == rows


def test_admin_issued_decision_is_read_only(super_client, issued):
    url = reverse("admin:awards_decision_change", args=[issued.pk])

    page = super_client.get(url)
    posted = super_client.post(url, {"title": "Sửa lại"})

    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
    assert posted.status_code == 403
    issued.refresh_from_db()
    assert issued.title != "Sửa lại"


def test_admin_draft_title_is_editable(super_client, conference, giay_khen, awardees, office_user):
    draft = draft_decision(conference, giay_khen, by=office_user)

    page = super_client.get(reverse("admin:awards_decision_change", args=[draft.pk]))

    assert list(page.context["adminform"].form.fields) == ["title"]


# --- free-text limits (issue 9 item 19) ---


@pytest.mark.parametrize("form_name", ["ReplaceForm", "TieForm"])
def test_the_office_reasons_are_limited_and_show_it(form_name):
    from django.utils import translation

    from awards.views import office

    form = getattr(office, form_name)(data={"reason": "x" * 1001})

    with translation.override("vi"):
        assert form.errors["reason"] == ["Giá trị này chỉ có tối đa 1000 kí tự (hiện có 1001)"]
        assert 'maxlength="1000"' in str(form["reason"])
        assert str(form["reason"].help_text) == "Tối đa 1.000 ký tự."


# --- the conference's history: the audit trail of the council and decisions ---------------------


def test_the_conference_history_reads_the_trail_of_this_conference_only(issued, meeting, office_user, office_client):
    council_services.open_meeting(meeting, by=office_user)
    record_printed(issued.conference, "Quyết định 01/QĐ-SKHCN", by=office_user)
    record_printed(f.ConferenceFactory(is_current=False), "Giấy mời của hội nghị khác", by=office_user)

    response = office_client.get(reverse("conference_history"))

    assert response.status_code == 200
    decision, session = f"Quyết định hoặc tờ trình: {issued}", f"Phiên họp hội đồng: {meeting}"
    assert [(r.what, r.who, r.action, r.reason) for r in response.context["rows"]] == [
        ("Văn bản đã in: Quyết định 01/QĐ-SKHCN", "vanphong", "Tạo mới", ""),
        (session, "vanphong", "Sửa", "Dự kiến → Đang họp"),
        (session, "—", "Tạo mới", ""),
        (decision, "vanphong", "Sửa", "Nháp → Đã ban hành"),
        (decision, "—", "Tạo mới", ""),
    ]
