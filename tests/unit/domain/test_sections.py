from __future__ import annotations

import pytest

from reviewdesk.domain.brief import BlockKind, BriefBuilder, SourceFormat
from reviewdesk.domain.sections import (
    SectionKind,
    classify_section,
    fold,
    is_contents_heading,
    names_outside_part,
    strip_numbering,
)


@pytest.mark.parametrize(("heading", "kind"), [
    ("Introduction", SectionKind.INTRODUCTION),
    ("1. Background", SectionKind.INTRODUCTION),
    ("Executive summary", SectionKind.SUMMARY),
    ("Indicators of the Policy Shift", SectionKind.INDICATORS),
    ("II. Evidence", SectionKind.INDICATORS),
    ("Reasons Behind the Shift", SectionKind.REASONS),
    ("Drivers", SectionKind.REASONS),
    ("Prospects for Bilateral Relations", SectionKind.PROSPECTS),
    ("4.2 Outlook", SectionKind.PROSPECTS),
    ("Conclusion", SectionKind.CONCLUSION),
    ("Policy Recommendations", SectionKind.RECOMMENDATIONS),
    ("VIII. Call to Action", SectionKind.RECOMMENDATIONS),
    ("Next steps", SectionKind.RECOMMENDATIONS),
    ("References", SectionKind.REFERENCES),
    ("Bibliography", SectionKind.REFERENCES),
    ("About the authors", SectionKind.OTHER),
])
def test_classify_section(heading: str, kind: SectionKind) -> None:
    assert classify_section(heading) == kind


SUM, INTRO, IND, REA = (SectionKind.SUMMARY, SectionKind.INTRODUCTION, SectionKind.INDICATORS,
                        SectionKind.REASONS)
PRO, CON, REC, REF, OTH = (SectionKind.PROSPECTS, SectionKind.CONCLUSION,
                           SectionKind.RECOMMENDATIONS, SectionKind.REFERENCES,
                           SectionKind.OTHER)


@pytest.mark.parametrize(("heading", "kind"), [
    # English headings as real briefs word them
    ("Key Messages", SUM), ("The Issue at Stake", OTH), ("Purpose of this note", INTRO),
    ("What the Data Show", IND), ("Current situation in the north", IND),
    ("Why Quotas Were Cut", REA), ("Barriers to uptake", REA), ("The challenge", REA),
    ("Looking Ahead", PRO), ("Risks for 2027", PRO), ("Lessons learned", CON),
    ("Conclusions and next steps", CON), ("Summary and recommendations", SUM),
    ("Our asks of the ministry", REC), ("Policy implications for donors", REC),
    ("Further reading", REF), ("Sources", REF), ("Notes", REF), ("Sources of tension", OTH),
    ("Policy options", OTH), ("Why this, why now", PRO), ("Why now?", PRO),
    # Russian
    ("Краткое содержание", SUM), ("Введение", INTRO), ("Предыстория вопроса", INTRO),
    ("Основные показатели", IND), ("Текущая ситуация", IND), ("Причины кризиса", REA),
    ("Перспективы сотрудничества", PRO), ("Выводы", CON), ("Заключение", CON),
    ("Рекомендации правительству", REC), ("Что следует сделать", REC),
    ("Список литературы", REF), ("Источники", REF), ("Примечания", REF),
    # Persian / Dari, with ZWNJ, a space or nothing where the parts of a word join, and with
    # Arabic yeh and kaf
    ("خلاصه‌ی اجرایی", SUM), ("مقدمه", INTRO), ("پیشینه", INTRO), ("شاخص‌ها", IND),
    ("دلایل تغییر سیاست", REA), ("چشم‌انداز", PRO), ("نتیجه‌گیری", CON),
    ("نتیجه گیری", CON), ("نتیجه‌گیری و پیشنهادها", CON), ("پیشنهادها", REC),
    ("توصیه‌ها", REC), ("توصیه ها", REC), ("توصيه‌ها", REC), ("منابع", REF),
    ("منابع و مآخذ", REF), ("منابع آبی کشور", OTH), ("كتابنامه", REF),
    # Tajik (Cyrillic)
    ("Муқаддима", INTRO), ("Сабабҳо", REA), ("Дурнамо", PRO), ("Хулоса", CON), ("Тавсияҳо", REC),
    ("Рӯйхати адабиёт", REF),
    # Arabic
    ("الملخص التنفيذي", SUM), ("مقدمة", INTRO), ("المؤشرات الرئيسية", IND), ("أسباب التحول", REA),
    ("الآفاق المستقبلية", PRO), ("الخاتمة", CON), ("التوصيات", REC), ("توصيات السياسة", REC),
    ("المراجع", REF), ("قائمة المراجع", REF),
    # French
    ("Synthèse", SUM), ("Contexte", INTRO), ("État des lieux", IND), ("Le problème", REA),
    ("Pourquoi agir maintenant", PRO), ("Perspectives", PRO), ("Conclusion", CON),
    ("Recommandations", REC), ("Nos demandes", REC), ("Bibliographie", REF),
    ("Notes et sources", REF),
    # Spanish
    ("Resumen ejecutivo", SUM), ("Introducción", INTRO), ("Antecedentes", INTRO),
    ("Hallazgos", IND),
    ("Análisis", REA), ("¿Por qué ahora?", PRO), ("Conclusiones", CON), ("Recomendaciones", REC),
    ("Bibliografía", REF), ("Fuentes", REF),
    # parts that are none of the kinds, and Dari words
    ("Methodology and data", OTH), ("Методология", OTH), ("روش‌شناسی", OTH),
    ("What donors should do", REC), ("Foreword", INTRO), ("Актуальность", REA),
    ("سفارشات", REC), ("معرفی", INTRO), ("پس‌منظر", INTRO), ("راه‌های حل", REC),
    # numbered in any of these scripts
    ("3.2 Outlook", PRO), ("IV. Causes", REA), ("۳. توصیه‌ها", REC), ("٢- التوصيات", REC),
    ("Глава 4. Заключение", CON), ("بخش دوم: مقدمه", INTRO), ("(b) Findings", IND),
])
def test_section_kinds_in_six_languages(heading: str, kind: SectionKind) -> None:
    assert classify_section(heading) == kind


@pytest.mark.parametrize(("heading", "stripped"), [
    ("2.1 Reasons", "Reasons"), ("IV. Outlook", "Outlook"), ("B) Evidence", "Evidence"),
    ("(3) Drivers", "Drivers"), ("۲- نتیجه‌گیری", "نتیجه‌گیری"), ("А. Введение", "Введение"),
    ("الف) مقدمه", "مقدمه"), ("Chapter 2: Conclusions", "Conclusions"),
    ("Часть II. Выводы", "Выводы"), ("بخش اول: مقدمه", "مقدمه"),
    ("E-Voting Pilot", "E-Voting Pilot"), ("2020 in review", "2020 in review"),
    ("U.S. Policy", "U.S. Policy"), ("1.Introduction", "Introduction"),
])
def test_strip_numbering(heading: str, stripped: str) -> None:
    assert strip_numbering(heading) == stripped


def test_fold_gives_one_spelling() -> None:
    assert fold("توصيه‌ها") == fold("توصیهها")
    assert fold("كتاب") == fold("کتاب")
    assert fold("Résumé  Exécutif") == "resume executif"
    assert fold("۱۴۰۲ ١٤٠٢") == "1402 1402"
    assert fold("Итоги") == fold("ИТОГИ")


@pytest.mark.parametrize("heading", [
    "Acknowledgements", "Annex 2", "Приложение 1", "Об авторах", "پیوست ۲", "سپاسگزاری",
    "Glossary", "List of abbreviations", "Список сокращений", "المختصرات", "About the author",
    "ملحق", "Remerciements", "Anexo A", "Agradecimientos",
])
def test_parts_outside_the_analysis(heading: str) -> None:
    assert names_outside_part(heading)


@pytest.mark.parametrize(("heading", "contents"), [
    ("Contents", True), ("Table of contents", True), ("Содержание", True), ("فهرست", True),
    ("Sommaire", True), ("Índice", True), ("Contents of the package", False),
])
def test_contents_headings(heading: str, contents: bool) -> None:
    assert is_contents_heading(heading) is contents


def test_builder_lays_out_canonical_text_with_offsets() -> None:
    builder = BriefBuilder()
    builder.block(BlockKind.PARAGRAPH, "Front   matter\nline", "line:1")
    builder.heading("Introduction", 1, "line:3")
    builder.block(BlockKind.PARAGRAPH, "First.", "line:4")
    builder.block(BlockKind.LIST_ITEM, "   ", "line:5")
    brief = builder.build("T", SourceFormat.TEXT)
    assert brief.text == "Front matter line\nIntroduction\nFirst."
    assert [s.kind for s in brief.sections] == [SectionKind.OTHER, SectionKind.INTRODUCTION]
    for block in brief.blocks:
        assert brief.text[block.start:block.end] == block.text
    assert len(brief.blocks) == 3


def test_a_metadata_sub_heading_does_not_join_the_references() -> None:
    from reviewdesk.importers.markdown import parse_markdown

    brief = parse_markdown("# Brief\n\n## References\n\n1. Ames, \"Water\", 2020.\n\n"
                           "### Document metadata\n\nVersion: 2\n\n"
                           "### Journal articles\n\n2. Bell, \"Ice\", 2021.\n", "b.md")
    kinds = {section.title: section.kind for section in brief.sections}
    assert kinds["Document metadata"] == SectionKind.OTHER
    assert kinds["Journal articles"] == SectionKind.REFERENCES  # a plain sub-heading inherits
