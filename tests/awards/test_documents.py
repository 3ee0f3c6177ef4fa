"""PDF documents: the exact wording of the context builders (no rendering).

Numbers with leading zeros, NĐ 30 dates, căn cứ punctuation, list order and register numbers,
totals, members and percentages of the total membership, certificate text and positions.
PDFs read back: test_awards_documents_pdf.py; views, print log and admin: test_awards_documents_views.py.
"""

import datetime

import pytest
from django.contrib.auth.models import User

from awards import documents
from awards.documents.certificates import BOXES, place
from awards.enums import BallotStatus, DecisionStatus, DocumentType, PrintMode, VoteMethod
from awards.models import TieDecision
from hoinghi import letterhead
from reference.enums import NomineeKind
from tests import awards_documents_support as support
from tests import factories as f
from tests.awards_documents_support import (
    ORG_DESC,
)

# The shared fixtures: pytest finds fixtures among a module's globals.
no_weasyprint_warnings = support.no_weasyprint_warnings
decision, proposal, meeting, ballot = support.decision, support.proposal, support.meeting, support.ballot

# ------------------------------------------------------------------ wording (no rendering)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2026, 1, 5), "ngày 05 tháng 01 năm 2026"),
        (datetime.date(2026, 2, 9), "ngày 09 tháng 02 năm 2026"),
        (datetime.date(2026, 3, 15), "ngày 15 tháng 3 năm 2026"),
        (datetime.date(2025, 12, 1), "ngày 01 tháng 12 năm 2025"),
    ],
)
def test_vn_date_leading_zeros_for_days_below_10_and_months_1_and_2(day, expected):
    assert letterhead.vn_date(day) == expected


def test_legal_basis_lines_end_with_semicolons_and_a_full_stop():
    lines = ["Căn cứ Luật A", "  Căn cứ Nghị định B;  ", "", "Căn cứ Thông tư C."]

    assert letterhead.legal_basis_lines(lines) == ("Căn cứ Luật A;", "Căn cứ Nghị định B;", "Căn cứ Thông tư C.")


@pytest.mark.parametrize(
    ("votes", "expected"), [(5, "55,56%"), (4, "44,44%"), (9, "100%"), (0, "0%"), (6, "66,67%"), (3, "33,33%")]
)
def test_percent_is_of_the_total_membership_with_a_decimal_comma(votes, expected):
    assert documents.percent(votes, 9) == expected


@pytest.mark.parametrize(
    ("votes", "total", "value", "text"),
    [
        (5, 9, "55.56", "55,56%"),
        (1, 32, "3.13", "3,13%"),  # a half rounds up (3,125): floating-point rounding gave 3,12
        (1, 8, "12.50", "12,5%"),
        (9, 9, "100.00", "100%"),
        (0, 0, "0.00", "—"),
    ],
)
def test_one_council_percentage_two_decimals_halves_up(votes, total, value, text):
    from decimal import Decimal

    from awards.percent import percent_of, percent_text

    assert (percent_of(votes, total), percent_text(votes, total), documents.percent(votes, total)) == (
        Decimal(value),
        text,
        text,
    )


def test_decision_document_reads_like_the_directors_decision(decision):
    doc = documents.decision_document(decision)

    assert doc.header == letterhead.Header(
        "UBND TỈNH HƯNG YÊN", "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "Số: 05/QĐ-SKHCN", "Hưng Yên, ngày 05 tháng 01 năm 2026"
    )
    assert (doc.type_name, doc.authority, doc.draft) == ("QUYẾT ĐỊNH", "GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ", False)
    assert doc.summary == decision.title
    assert doc.legal_bases == (
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ;",
        "Căn cứ Thông tư số 15/2025/TT-BNV của Bộ trưởng Bộ Nội vụ.",
    )
    assert doc.proposer == "Theo đề nghị của Chánh Văn phòng Sở."
    assert doc.articles == (
        (
            "Điều 1.",
            "Tặng Giấy khen của Giám đốc Sở cho 02 tập thể và 03 cá nhân (có danh sách kèm theo) đã có thành tích "
            "xuất sắc trong các phong trào thi đua năm 2025.",
        ),
        (
            "Điều 2.",
            "Mức tiền thưởng kèm theo Giấy khen của Giám đốc Sở thực hiện theo danh sách kèm theo (mỗi tập thể "
            "1.410.000 đồng; mỗi cá nhân 710.000 đồng); tổng số tiền: 4.950.000 đồng (Bằng chữ: Bốn triệu chín trăm "
            "năm mươi nghìn đồng), chi từ Quỹ thi đua, khen thưởng của Sở Khoa học và Công nghệ.",
        ),
        (
            "Điều 3.",
            "Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng Sở, Thủ trưởng các phòng, đơn vị có liên quan "
            "và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
        ),
    )
    assert doc.recipients == ("- Như Điều 3;", "- Giám đốc, các Phó Giám đốc Sở;", "- Lưu: VT, VP.")
    assert doc.signature == letterhead.Signature("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Văn Phó")


def test_decision_list_collectives_then_individuals_by_register_number_with_total(decision):
    annex = documents.decision_document(decision).annex

    assert annex.reference == (
        "(Kèm theo Quyết định số 05/QĐ-SKHCN ngày 05 tháng 01 năm 2026 của Giám đốc Sở Khoa học và Công nghệ)"
    )
    assert [(roman, title) for roman, title, _rows in annex.sections] == [("I", "Tập thể"), ("II", "Cá nhân")]
    assert [(r.number, r.name, r.amount) for r in annex.collectives] == [
        (1, "Phòng Quản lý khoa học", "1.410.000"),
        (2, "Trung tâm Thông tin, thống kê, ứng dụng khoa học và công nghệ", "1.410.000"),
    ]
    assert [(r.number, r.name, r.description) for r in annex.individuals] == [
        (3, "Bà Nguyễn Thị Hường", f"Trưởng phòng Quản lý khoa học, {ORG_DESC}"),
        (4, "Ông Đặng Văn Bình", f"Chuyên viên, Phòng Chuyển đổi số, {ORG_DESC}"),
        (5, "Bà Lê Thị Ánh Tuyết", f"Kế toán viên, Văn phòng Sở, {ORG_DESC}"),
    ]
    assert (annex.total, annex.closing) == ("4.950.000", "Danh sách có 02 tập thể và 03 cá nhân./.")


def test_draft_decision_leaves_number_and_date_blank(decision):
    decision.status, decision.number, decision.date, decision.symbol = DecisionStatus.DRAFT, None, None, ""
    decision.save()

    doc = documents.decision_document(decision)

    assert doc.draft is True
    assert doc.header.number == "Số:        /QĐ-SKHCN"
    assert doc.header.place_date.startswith("Hưng Yên, ngày      tháng      năm 20")


def test_correction_says_which_decision_it_replaces(decision, giay_khen, conference):
    correction = f.DocDecisionFactory(conference=conference, award_form=giay_khen, number=9, replaces=decision)

    article_3 = documents.decision_document(correction).articles[2][1]

    assert article_3.startswith(
        "Quyết định này có hiệu lực kể từ ngày ký và thay thế Quyết định số 05/QĐ-SKHCN ngày 05 tháng 01 năm 2026 "
        "của Giám đốc Sở Khoa học và Công nghệ."
    )


def test_proposal_document_goes_to_the_chairman_through_home_affairs(proposal):
    doc = documents.proposal_document(proposal)

    assert doc.header.number == "Số: 12/TTr-SKHCN"
    assert doc.header.place_date == "Hưng Yên, ngày 15 tháng 3 năm 2026"
    assert (doc.type_name, doc.addressee) == ("TỜ TRÌNH", "Chủ tịch Ủy ban nhân dân tỉnh Hưng Yên (qua Sở Nội vụ)")
    assert doc.legal_bases == ("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022.",)
    assert doc.paragraphs[0] == (
        "Sở Khoa học và Công nghệ kính trình Chủ tịch Ủy ban nhân dân tỉnh Hưng Yên xem xét, tặng Bằng khen của "
        "Chủ tịch Ủy ban nhân dân tỉnh cho 01 tập thể và 01 cá nhân đã có thành tích xuất sắc trong các phong trào "
        "thi đua năm 2025 (có danh sách và tóm tắt thành tích kèm theo)."
    )
    assert doc.paragraphs[-1].endswith("xem xét, quyết định./.")
    assert doc.recipients[0] == "- Như trên;"
    assert doc.signature == letterhead.Signature("", "GIÁM ĐỐC", "Vũ Tuấn Anh")
    assert (
        doc.annex.reference
        == "(Kèm theo Tờ trình số 12/TTr-SKHCN ngày 15 tháng 3 năm 2026 của Sở Khoa học và Công nghệ)"
    )
    assert [(r.number, r.name, r.achievement) for r in doc.annex.collectives + doc.annex.individuals] == [
        (1, "Phòng Chuyển đổi số", "Hai năm liền hoàn thành xuất sắc nhiệm vụ."),
        (2, "Ông Phạm Quang Huy", "Chủ nhiệm 01 đề tài cấp tỉnh nghiệm thu loại xuất sắc."),
    ]
    assert (doc.annex.with_money, doc.annex.total) == (False, "")


def test_proposal_cites_the_council_meeting_that_voted_its_nominees(proposal, giay_khen):
    meeting = f.DocMeetingFactory(conference=proposal.conference, date=datetime.date(2026, 2, 6))
    ballot = f.DocBallotFactory(meeting=meeting, award_form=proposal.award_form)
    f.DocBallotItemFactory(ballot=ballot, nomination=proposal.entries.first().nomination)

    bases = documents.proposal_document(proposal).legal_bases

    assert bases == (
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "Căn cứ kết quả họp Hội đồng Thi đua - Khen thưởng Sở Khoa học và Công nghệ ngày 06 tháng 02 năm 2026.",
    )


def test_minutes_document_names_members_roles_and_counts_on_total_membership(meeting):
    doc = documents.minutes_document(meeting)

    assert doc.header.parent == "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    assert doc.header.place_date == "Hưng Yên, ngày 10 tháng 12 năm 2025"
    assert doc.started == "08 giờ 30, ngày 10 tháng 12 năm 2025."
    assert doc.closing == "Cuộc họp kết thúc vào 10 giờ 45, ngày 10 tháng 12 năm 2025."
    assert (doc.total_members, len(doc.present)) == (9, 7)
    assert doc.present[0] == "Đ/c Vũ Tuấn Anh, Giám đốc Sở, Chủ tịch Hội đồng"
    assert doc.present[-1] == "Đ/c Trần Thị Minh Thư, Chánh Văn phòng Sở, Ủy viên kiêm Thư ký"
    assert doc.absent == (
        "Đ/c Đặng Quốc Khánh, Trưởng phòng Kế hoạch - Tài chính, Ủy viên (có ý kiến bằng văn bản)",
        "Đ/c Hoàng Thị Lan, Trưởng phòng Quản lý khoa học, Ủy viên",
    )
    assert doc.chair == "Đ/c Vũ Tuấn Anh, Giám đốc Sở, Chủ tịch Hội đồng"
    (record,) = doc.ballots
    assert (record.method, record.counts) == ("Bỏ phiếu kín (trên hệ thống)", (8, 8, 8, 0))
    assert record.threshold == "Tỷ lệ cần đạt: trên 50% tổng số thành viên Hội đồng (9 thành viên)."
    assert [(r.name, r.votes_for, r.percent_for, r.result) for r in record.rows] == [
        ("Bà Nguyễn Thị Hường", 7, "77,78%", "Đạt"),
        ("Ông Đặng Văn Bình", 5, "55,56%", "Đạt"),
        ("Bà Lê Thị Ánh Tuyết", 4, "44,44%", "Không đạt"),
    ]
    assert [(r.number, r.name, r.award) for r in doc.results] == [
        (1, "Bà Nguyễn Thị Hường", "Giấy khen của Giám đốc Sở"),
        (2, "Ông Đặng Văn Bình", "Giấy khen của Giám đốc Sở"),
    ]
    assert [(s.position, s.name) for s in doc.signatures] == [
        ("THƯ KÝ", "Trần Thị Minh Thư"),
        ("CHỦ TỌA", "Vũ Tuấn Anh"),
    ]


def test_minutes_leave_out_ballots_still_open(meeting, giay_khen):
    open_ballot = f.DocBallotFactory(meeting=meeting, award_form=giay_khen, kind=NomineeKind.COLLECTIVE)
    open_ballot.status = BallotStatus.OPEN
    open_ballot.save()

    assert [r.heading for r in documents.minutes_document(meeting).ballots] == ["Giấy khen của Giám đốc Sở – Cá nhân"]


def test_paper_ballot_counts_shared_or_per_nominee(ballot):
    ballot.method = VoteMethod.PAPER
    ballot.save()
    ballot.items.update(ballots_issued=8, ballots_returned=8, ballots_valid=7, ballots_invalid=1)

    shared = documents.vote_count_document(ballot).ballot
    ballot.items.filter(order=2).update(ballots_valid=8, ballots_invalid=0)
    differing = documents.vote_count_document(ballot).ballot

    assert (shared.method, shared.counts, shared.rows[0].counts) == ("Bỏ phiếu kín (phiếu giấy)", (8, 8, 7, 1), None)
    assert differing.counts is None
    assert [r.counts for r in differing.rows] == [(8, 8, 7, 1), (8, 8, 7, 1), (8, 8, 8, 0)]


def test_vote_count_document_and_the_chairs_tie_decision(ballot, meeting):
    tied = ballot.items.order_by("order")[2]
    tie = TieDecision.objects.create(
        ballot=ballot, decided_by=meeting.chair, reason="Thành tích nổi bật hơn.", recorded_by=User.objects.first()
    )
    tie.chosen.set([tied])

    doc = documents.vote_count_document(ballot)

    assert (doc.type_name, doc.summary) == ("BIÊN BẢN", "Kiểm phiếu xét tặng Giấy khen của Giám đốc Sở – Cá nhân")
    assert doc.conclusion == "Số trường hợp đạt và trong chỉ tiêu: 02/03."
    assert doc.ballot.tie_note == (
        "Các trường hợp bằng phiếu tại chỉ tiêu: Đ/c Vũ Tuấn Anh, Giám đốc Sở, Chủ tịch Hội đồng quyết định chọn "
        "Bà Lê Thị Ánh Tuyết. Lý do: Thành tích nổi bật hơn."
    )


def test_certificate_text_and_positions(decision):
    entries = list(decision.entries.order_by("register_number"))

    sheet = documents.certificate_sheet(decision, entries, PrintMode.FULL)

    assert (sheet.width_mm, sheet.height_mm, sheet.full, len(sheet.pages)) == (297, 210, True, 5)
    text = sheet.pages[2].text
    assert (text.issuer, text.award, text.recipient) == (
        "GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        "GIẤY KHEN",
        "Bà Nguyễn Thị Hường",
    )
    assert text.achievement == "Đã có thành tích xuất sắc trong các phong trào thi đua năm 2025"
    assert (text.decision, text.register) == ("Quyết định số 05/QĐ-SKHCN ngày 05/01/2026", "Số sổ vàng: 3")
    assert text.place_date == "Hưng Yên, ngày 05 tháng 01 năm 2026"
    assert (text.signer_authority, text.signer_position, text.signer_name) == (
        "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
        "Trần Văn Phó",
    )
    assert (
        sheet.pages[2].boxes["recipient"].style
        == "left: 30.00mm; top: 99.00mm; width: 237.00mm; height: 13.00mm; font-size: 24.0pt"
    )


def test_offsets_move_fields_in_text_only_mode_only(decision, giay_khen):
    f.DocLayoutFactory(award_form=giay_khen, offsets={"recipient": [2.5, -1], "register": [0, 3]})
    entries = list(decision.entries.order_by("register_number"))

    full = documents.certificate_sheet(decision, entries, PrintMode.FULL).pages[0].boxes
    text_only = documents.certificate_sheet(decision, entries, PrintMode.TEXT_ONLY).pages[0].boxes

    assert (full["recipient"].left, full["recipient"].top) == (30, 99)
    assert (text_only["recipient"].left, text_only["recipient"].top) == (32.5, 98)
    assert (text_only["register"].left, text_only["register"].top) == (24, 178)
    assert text_only["issuer"] == full["issuer"]


def test_a3_layout_scales_boxes_and_fonts(proposal):
    box = place(documents.layout_for(proposal.award_form), "recipient", "Ông Phạm Quang Huy", offsets=False)

    assert (round(box.left, 2), round(box.top, 2), box.font_pt) == (42.42, 140.01, 33.9)
    assert BOXES["recipient"].font_pt == 24


def test_long_collective_name_gets_a_smaller_font():
    layout = f.DocLayoutFactory.build(award_form=None)
    short = place(layout, "recipient", "Phòng Quản lý khoa học", offsets=False)
    long = place(
        layout,
        "recipient",
        "Trung tâm Thông tin, thống kê, ứng dụng khoa học và công nghệ tỉnh Hưng Yên",
        offsets=False,
    )

    assert short.font_pt == 24
    assert 14.4 <= long.font_pt < 24


def test_calibration_sheet_shows_each_field_with_its_offset(giay_khen):
    f.DocLayoutFactory(award_form=giay_khen, offsets={"recipient": [2.5, -1]})

    calibration = documents.calibration_sheet(giay_khen)

    fields = {c.name: c for c in calibration.fields}
    assert list(fields) == [
        "issuer",
        "award",
        "recipient",
        "description",
        "achievement",
        "decision",
        "register",
        "signature",
    ]
    assert (fields["recipient"].offset, fields["issuer"].offset) == ("+2.5; -1 mm", "+0; +0 mm")
    assert (fields["recipient"].box.left, fields["recipient"].box.top) == (32.5, 98)
    assert calibration.grid_x[:3] == ((0, True), (5, False), (10, True))
    assert calibration.grid_y[-1] == (210, True)


def test_certificates_print_only_for_issued_decisions_and_decided_proposals(decision, proposal):
    draft = f.DocDecisionFactory(
        conference=decision.conference, award_form=decision.award_form, status=DecisionStatus.DRAFT
    )
    undecided = f.DocDecisionFactory(
        conference=proposal.conference, award_form=proposal.award_form, document_type=DocumentType.PROPOSAL
    )
    replaced = f.DocDecisionFactory(
        conference=decision.conference, award_form=decision.award_form, status=DecisionStatus.REPLACED
    )

    assert [documents.printable(d) for d in (decision, proposal, draft, undecided, replaced)] == [
        True,
        True,
        False,
        False,
        False,
    ]
