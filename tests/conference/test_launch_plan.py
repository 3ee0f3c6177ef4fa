"""The Kế hoạch phát động as PDF (NĐ 30, DỰ THẢO), read back with pdftotext."""

import datetime
import os
import subprocess

from django.urls import reverse

from movements import registrations as services
from tests import factories as f


def test_the_launch_plan_pdf_is_drafted_from_the_data(office_client, conference, giay_khen, office_user, tmp_path):
    movement = f.MovementFactory(conference=conference, name="Thi đua đổi mới sáng tạo", start_year=2025, end_year=2030)
    services.save_plan(
        movement,
        goals="Khơi dậy tinh thần đổi mới sáng tạo.\nHoàn thành các chỉ tiêu giai đoạn 2025-2030.",
        deadline=datetime.date(2026, 3, 31),
        award_forms=[giay_khen],
        other_titles="Tập thể lao động tiên tiến",
        by=office_user,
    )
    response = office_client.get(reverse("conference_launch_plan_pdf", args=[movement.pk]))
    assert response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(b"".join(response.streaming_content) if response.streaming else response.content)
    text = subprocess.run(  # noqa: S603
        ["/usr/bin/pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    assert lines[0] == "DỰ THẢO"
    assert "Số: /KH-SKHCN" in lines[3]
    top = lines.index("KẾ HOẠCH")
    assert lines[top + 1 : top + 3] == [
        "Phát động phong trào thi đua “Thi đua đổi mới sáng tạo” giai đoạn",
        "2025-2030",
    ]
    body = lines.index("I. MỤC ĐÍCH, YÊU CẦU")
    assert lines[body : body + 7] == [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "Khơi dậy tinh thần đổi mới sáng tạo.",
        "Hoàn thành các chỉ tiêu giai đoạn 2025-2030.",
        "II. DANH HIỆU THI ĐUA, HÌNH THỨC KHEN THƯỞNG ĐĂNG KÝ",
        "- Giấy khen của Giám đốc Sở.",
        "- Tập thể lao động tiên tiến.",
        "III. ĐĂNG KÝ THI ĐUA",
    ]
    assert "Các đơn vị gửi Bản đăng ký thi đua về Văn phòng trước ngày 31/03/2026." in lines
    subprocess.run(  # noqa: S603
        [
            "/usr/bin/pdftoppm",
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "1",
            str(pdf),
            os.environ.get("PLAN_PNG", str(tmp_path / "page")),
        ],
        check=True,
    )


def test_a_movement_without_a_plan_has_no_pdf(office_client, conference):
    movement = f.MovementFactory(conference=conference)
    assert office_client.get(reverse("conference_launch_plan_pdf", args=[movement.pk])).status_code == 404
