"""Lines at the top of a brief that are neither its title nor its headings: a memo's header
fields (To:, From:, Date:, Re:), the label of the document's type ("Policy Brief") and
figure captions, in the six languages ReviewDesk reads."""

from __future__ import annotations

import re

from reviewdesk.domain.sections import HEADING_REACH, fold

# Memo fields by what they hold; "subject" names the memo, as a title would.
_FIELDS: dict[str, str] = {
    "to": r"to|attn|attention|for|memorandum for|à|a|destinataires?|para|кому|ба|به|"
          r"گیرنده|إلى|الى|السادة",
    "from": r"from|through|thru|de|expéditeur|от|от кого|аз|از|فرستنده|من|المرسل",
    "date": r"date|dated|fecha|дата|сана|تاریخ|التاريخ",
    "subject": r"re|subject|subj|topic|objet|asunto|referencia|тема|по вопросу|мавзӯъ|"
               r"موضوع|الموضوع|بشأن",
    "copy": r"cc|bcc|copy|copie|copia|копия|нусха|رونوشت|نسخة إلى|نسخه",
}
_FIELD = re.compile(
    "|".join(f"(?P<{name}>{fold(words)})" for name, words in _FIELDS.items()))
_SEPARATOR = re.compile(r"[:：\t]")
_LONGEST_LABEL = 24

# What kind of document it is, standing alone on its line above the real title.
_LABELS = re.compile(fold(
    r"(policy|issue|research|briefing|background|discussion|working|white|position|"
    r"concept|information)\s+(brief|memo|memorandum|note|paper)s?|memorandum|memo|"
    r"briefing|brief|policy analysis|executive memo|decision memo|"
    r"note d.orientation|note de (politique|synthèse|politiques publiques|position|"
    r"réflexion|cadrage|recherche)|document de politique|mémo|"
    r"nota (de política|técnica|informativa|de políticas)|resumen de políticas?|"
    r"informe de políticas?|documento de política|memorando|"
    r"(аналитическая|служебная|докладная|информационная|пояснительная) записка|"
    r"записка|меморандум|аналитический (доклад|обзор)|"
    r"ёддошти (таҳлилӣ|сиёсӣ)|гузориши таҳлилӣ|"
    r"(خلاصه|گزارش|یادداشت|تحلیل|سند) ?(ی )?(سیاستی|سیاست ?گذاری|راهبردی|تحلیلی)|"
    r"(موجز|ورقة|ورقه|مذكرة|تقرير) ?(ال)?(سياسات|سياساتية|سياسات عامة|تحليلية|سياسية)|"
    r"تقدير موقف|مذكرة|ورقة سياسات"))
# Months, seasons and issue words, which may follow a label with a date.
_MONTHS = re.compile(fold(
    r"january|february|march|april|may|june|july|august|september|october|november|"
    r"december|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|"
    r"novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|"
    r"octubre|noviembre|diciembre|issue|number|январ\w*|феврал\w*|март\w*|апрел\w*|ма[йя]|"
    r"июн\w*|июл\w*|август\w*|сентябр\w*|октябр\w*|ноябр\w*|декабр\w*|spring|summer|"
    r"autumn|fall|winter"))
_WORD = re.compile(r"[^\W\d_]{4,}")

_CAPTION = re.compile(fold(
    r"^(figure|fig|table|chart|graph|map|box|source|sources|note|photo|image|exhibit|"
    r"figura|tabla|gráfico|grafico|cuadro|mapa|fuente|recuadro|"
    r"graphique|tableau|carte|encadré|schéma|"
    r"рисунок|рис|таблица|диаграмма|график|схема|карта|источник|примечание|"
    r"расм|ҷадвал|манбаъ|"
    r"شکل|جدول|نمودار|نقشه|منبع|تصویر|"
    r"الشكل|شكل|الجدول|الرسم البياني|المصدر|صورة|خريطة)\b\.?\s*([\d\u0660-\u0669\u06f0-\u06f9]|"
    r"[ivx]+\b|[a-z]\b|:)"))


def memo_field(text: str) -> tuple[str, str] | None:
    """("to" | "from" | "date" | "subject" | "copy", the value) for a memo header line such
    as "To:\tThe Minister" or "Objet : Réforme"; None for any other line."""
    separator = _SEPARATOR.search(text, 0, _LONGEST_LABEL)
    if separator is None:
        return None
    match = _FIELD.fullmatch(fold(text[:separator.start()]))
    if match is None:
        return None
    name = next(key for key in _FIELDS if match.group(key) is not None)
    return name, " ".join(text[separator.end():].split())


def is_document_label(text: str) -> bool:
    """"Policy Brief", "Note de synthèse n° 4", "Аналитическая записка", "خلاصه سیاستی":
    the type of the document, which sits above its title."""
    folded = fold(text[:HEADING_REACH]).strip(" .:|–—-")
    match = _LABELS.match(folded)
    if match is None:
        return False
    # What may follow: a number, an issue, a date ("Policy Brief No. 12 | May 2026").
    return _WORD.search(_MONTHS.sub(" ", folded[match.end():])) is None


def is_caption(text: str) -> bool:
    """"Figure 2: ...", "Source: ...", "Таблица 1.", "جدول ۳": a caption or source line."""
    return _CAPTION.match(fold(text[:HEADING_REACH])) is not None
