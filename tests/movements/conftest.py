"""A conference movement with two indicators, and reports of units A and B on it."""

from decimal import Decimal

import pytest

from movements import services
from movements.models import Indicator


@pytest.fixture
def indicators(movement):
    return [
        Indicator.objects.create(
            movement=movement, name="Sáng kiến được công nhận", unit_of_measure="sáng kiến", order=1
        ),
        Indicator.objects.create(
            movement=movement, name="Đề tài được nghiệm thu", unit_of_measure="đề tài", target=Decimal(5), order=2
        ),
    ]


def fill(report, user, values=(3, 2), results="Hoàn thành các chỉ tiêu đề ra."):
    indicators = list(Indicator.objects.filter(movement=report.movement).order_by("order"))
    figures = {i.pk: Decimal(v) for i, v in zip(indicators, values, strict=False)}
    return services.update_report(report, {"results": results}, figures, by=user)


@pytest.fixture
def report_a(movement, indicators, unit_a, staff_a):
    return services.start_report(movement, unit_a, by=staff_a)


@pytest.fixture
def report_b(movement, indicators, unit_b, staff_b):
    return services.start_report(movement, unit_b, by=staff_b)
