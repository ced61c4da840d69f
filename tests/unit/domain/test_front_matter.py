from __future__ import annotations

import pytest

from reviewdesk.domain.front_matter import is_caption, is_document_label, memo_field


@pytest.mark.parametrize(("line", "field"), [
    ("To:\t\tThe Minister of Water", ("to", "The Minister of Water")),
    ("From: \tPolicy Unit", ("from", "Policy Unit")),
    ("Date:\t3 May 2025", ("date", "3 May 2025")),
    ("Re:\tGrazing Permits", ("subject", "Grazing Permits")),
    ("SUBJECT: Grain reserves", ("subject", "Grain reserves")),
    ("Objet : Réforme des quotas", ("subject", "Réforme des quotas")),
    ("Asunto: Reforma del riego", ("subject", "Reforma del riego")),
    ("Кому: Министру сельского хозяйства", ("to", "Министру сельского хозяйства")),
    ("Тема: Водные ресурсы", ("subject", "Водные ресурсы")),
    ("موضوع: اصلاح یارانه آب", ("subject", "اصلاح یارانه آب")),
    ("الموضوع: إصلاح دعم المياه", ("subject", "إصلاح دعم المياه")),
    ("Мавзӯъ: Захираҳои об", ("subject", "Захираҳои об")),
    ("Recommendations: fund the survey", None),
    ("The cause: a dry spring", None),
    ("Summary", None),
])
def test_memo_fields(line: str, field: tuple[str, str] | None) -> None:
    assert memo_field(line) == field


@pytest.mark.parametrize(("line", "label"), [
    ("Policy Brief", True), ("POLICY MEMO", True), ("Policy Brief No. 12 | May 2026", True),
    ("Issue Brief #3, Spring 2025", True), ("Note de synthèse n° 4", True),
    ("Resumen de políticas", True), ("Аналитическая записка", True), ("خلاصه سیاستی", True),
    ("موجز سياسات", True), ("Memorandum", True),
    ("Policy Brief: Water Reform", False), ("Brief history of the canal", False),
    ("Policy Brief Series on Water", False),
])
def test_document_type_labels(line: str, label: bool) -> None:
    assert is_document_label(line) is label


@pytest.mark.parametrize(("line", "caption"), [
    ("Figure 1: Permits by district", True), ("Source: Ministry of Water", True),
    ("Fig. 3", True), ("Таблица 2. Урожай", True), ("جدول ۳: مصرف آب", True),
    ("Gráfico 4 – Exportaciones", True), ("Sources", False), ("Figures show growth", False),
])
def test_captions(line: str, caption: bool) -> None:
    assert is_caption(line) is caption
