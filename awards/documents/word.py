"""The awards documents as Word files: each builder lays out the dataclass its PDF template prints.

Same data, same wording as ``templates/awards/pdf/*.html``; the layout is ``hoinghi.docx``'s.
"""

from awards.documents.council import BallotRecord, MinutesDocument, VoteCountDocument
from awards.documents.decisions import AwardList, DecisionDocument, ProposalDocument
from hoinghi.docx import LEFT, UP, Row, WordDocument, start


def _award_list(word: WordDocument, annex: AwardList) -> None:
    """The attached list on its own pages, numbered from 1 (``_award_list.html``)."""
    word.new_section()
    word.centered("DANH SÁCH", bold=True)
    word.centered(annex.subtitle, bold=True)
    word.centered(annex.reference, italic=True)
    word.rule(40)
    word.paragraph("", indent=False, space_after=4)
    last = "Số tiền thưởng (đồng)" if annex.with_money else "Tóm tắt thành tích"
    rows = []
    for roman, title, section in annex.sections:
        rows.append(Row((roman, title, LEFT, LEFT), bold=True))
        for row in section:
            number = "" if row.number is None else str(row.number)
            rows.append(Row((number, row.name, row.description, row.amount if annex.with_money else row.achievement)))
    if annex.with_money:
        rows.append(Row(("", "Tổng cộng", LEFT, annex.total), bold=True))
    widths = (12, 52, None, 30) if annex.with_money else (12, 40, 42, None)
    header = [("STT", "Tên tập thể / Họ và tên", "Chức vụ, đơn vị công tác / Cơ quan chủ quản", last)]
    word.table(header, rows, widths, centred=(0,), right=(3,) if annex.with_money else ())
    word.paragraph(annex.closing, space_before=8)


def decision_docx(doc: DecisionDocument) -> bytes:
    """Quyết định tặng Giấy khen (``decision.html``)."""
    word = start(doc.header, doc.type_name, doc.summary, draft=doc.draft)
    word.centered(doc.authority, bold=True, space_before=12)
    word.bases([*doc.legal_bases, doc.proposer])
    word.centered("QUYẾT ĐỊNH:", bold=True, space_before=6, space_after=6)
    for label, text in doc.articles:
        word.paragraph(text, label=label)
    word.signing(doc.recipients, doc.signature)
    _award_list(word, doc.annex)
    return word.to_bytes()


def proposal_docx(doc: ProposalDocument) -> bytes:
    """Tờ trình đề nghị tặng Bằng khen (``proposal.html``)."""
    word = start(doc.header, doc.type_name, doc.summary, draft=doc.draft)
    word.addressee(doc.addressee)
    word.bases(doc.legal_bases)
    word.paragraphs(doc.paragraphs)
    word.signing(doc.recipients, doc.signature)
    _award_list(word, doc.annex)
    return word.to_bytes()


def _dash(value: int | None) -> str:
    return "—" if value is None else str(value)


def _counts(word: WordDocument, record: BallotRecord) -> None:
    """Ballots issued, returned, valid and invalid, when every item shares them (``_ballot_counts.html``)."""
    if record.counts:
        issued, returned, valid, invalid = record.counts
        word.paragraph(
            f"Số phiếu phát ra: {issued}; số phiếu thu về: {returned}; số phiếu hợp lệ: {valid}; "
            f"số phiếu không hợp lệ: {invalid}."
        )


def _ballot(word: WordDocument, record: BallotRecord) -> None:
    """The for/against table of one ballot and its recusals (``_ballot_table.html``)."""
    header = [
        ("STT", "Tên tập thể / Họ và tên", "Đồng ý", LEFT, "Không đồng ý", LEFT, "Không biểu quyết", LEFT, "Kết quả"),
        (UP, UP, "Số phiếu", "Tỷ lệ", "Số phiếu", "Tỷ lệ", "Số phiếu", "Tỷ lệ", UP),
    ]
    rows = []
    for row in record.rows:
        name = row.name
        if row.counts:
            issued, returned, valid, invalid = (_dash(n) for n in row.counts)
            name += f"\nPhát ra {issued}, thu về {returned}, hợp lệ {valid}, không hợp lệ {invalid}"
        rows.append(
            Row(
                (str(row.number), name, str(row.votes_for), row.percent_for, str(row.votes_against),
                 row.percent_against, str(row.votes_abstain), row.percent_abstain, row.result),
                italic_lines=True,
            )
        )  # fmt: skip
    word.table(header, rows, (11, None, 14, 16, 14, 16, 14, 16, 21), size=12, centred=(0, 2, 3, 4, 5, 6, 7, 8))
    word.paragraph(f"Tỷ lệ tính trên tổng số {record.total_members} thành viên Hội đồng.", size=12)
    word.paragraphs(record.recusals)


def minutes_docx(doc: MinutesDocument) -> bytes:
    """Biên bản họp Hội đồng Thi đua - Khen thưởng (``minutes.html``)."""
    word = start(doc.header, doc.type_name, doc.summary)
    word.paragraph(f"Thời gian bắt đầu: {doc.started}", space_before=10)
    word.paragraph(f"Địa điểm: {doc.place}")
    word.paragraph(f"Thành phần tham dự: {len(doc.present)}/{doc.total_members} thành viên Hội đồng có mặt:")
    word.paragraphs(f"{i}. {line};" for i, line in enumerate(doc.present, start=1))
    if doc.absent:
        word.paragraph(f"Vắng mặt: {len(doc.absent)} thành viên:")
        word.paragraphs(f"{i}. {line};" for i, line in enumerate(doc.absent, start=1))
    else:
        word.paragraph("Vắng mặt: không.")
    word.paragraph(f"Chủ trì (Chủ tọa): {doc.chair}.")
    word.paragraph(f"Thư ký (người ghi biên bản): {doc.secretary}.")
    if doc.board:
        members = "; ".join(f"{line} (Trưởng ban)" if i == 0 else line for i, line in enumerate(doc.board))
        word.paragraph(f"Ban Kiểm phiếu: {members}.")
    word.paragraph("Nội dung:")
    word.paragraph(
        "Chủ tọa phổ biến tiêu chuẩn, chỉ tiêu khen thưởng và danh sách các trường hợp đủ điều kiện đưa ra "
        "Hội đồng xem xét. Hội đồng thảo luận và biểu quyết như sau:"
    )
    for number, record in enumerate(doc.ballots, start=1):
        word.paragraph(f"{number}. {record.heading}", bold=True, space_before=6)
        word.paragraph(f"Phương thức: {record.method}. {record.threshold}")
        _counts(word, record)
        _ballot(word, record)
        if record.tie_note:
            word.paragraph(record.tie_note)
    if not doc.ballots:
        word.paragraph("Chưa có kết quả biểu quyết (các cuộc bỏ phiếu chưa kết thúc).")
    word.paragraph(
        f"Kết quả: Hội đồng thống nhất đề nghị khen thưởng {len(doc.results)} trường hợp:", bold=True, space_before=6
    )
    if doc.results:
        rows = [Row((str(r.number), r.name, r.award)) for r in doc.results]
        word.table([("STT", "Tên tập thể / Họ và tên", "Hình thức khen thưởng")], rows, (12, None, 70), centred=(0,))
    word.paragraph(doc.closing, space_before=8)
    word.paragraph("Biên bản đã được đọc lại cho các thành viên dự họp cùng nghe và thống nhất./.")
    word.signatures(doc.signatures)
    word.recipients(doc.recipients)
    return word.to_bytes()


def vote_count_docx(doc: VoteCountDocument) -> bytes:
    """Biên bản kiểm phiếu of one ballot (``vote_count.html``)."""
    record = doc.ballot
    word = start(doc.header, doc.type_name, doc.summary)
    word.paragraph(doc.opening, space_before=10)
    word.paragraph("Ban Kiểm phiếu gồm:")
    word.paragraphs(f"{i}. {line}" for i, line in enumerate(doc.board, start=1))
    word.paragraph(record.threshold)
    _counts(word, record)
    word.paragraph("Kết quả kiểm phiếu đối với từng trường hợp:")
    _ballot(word, record)
    if record.tie_note:
        word.paragraph(record.tie_note)
    word.paragraph(doc.conclusion)
    word.paragraph("Biên bản kiểm phiếu được lập lúc kết thúc kiểm phiếu và công bố trước Hội đồng./.")
    word.signatures(doc.signatures)
    return word.to_bytes()
