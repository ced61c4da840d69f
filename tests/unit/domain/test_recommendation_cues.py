from __future__ import annotations

import pytest

from reviewdesk.domain import recommendation_cues as cues


@pytest.mark.parametrize("heading", [
    "Recommendations", "5. Policy recommendations", "Call to Action", "Our asks",
    "The way forward", "Recommandations", "Nos recommandations aux ministères",
    "Recomendaciones de política", "RECOMENDACIÓN", "Рекомендации", "Выводы и рекомендации",
    "Тавсияҳо", "Пешниҳодҳо", "توصیه‌ها", "توصیه ها", "توصيه‌ها", "پیشنهادها", "پیشنهاد‌های سیاستی",
    "راهکارها", "التوصيات", "توصيات الدراسة",
])
def test_names_recommendations(heading: str) -> None:
    assert cues.names_recommendations(heading)


@pytest.mark.parametrize("heading", [
    "Policy options", "Possible courses of action", "Options de politique",
    "Alternativas de política", "Варианты политики", "Background", "Implications of the harvest",
    "Proposed framework", "Sources of tension",
])
def test_names_no_recommendations(heading: str) -> None:
    assert not cues.names_recommendations(heading)


@pytest.mark.parametrize(("heading", "mixed"), [
    ("Conclusions and recommendations", True), ("Conclusiones y recomendaciones", True),
    ("Выводы и рекомендации", True), ("نتیجه‌گیری و پیشنهادها", True),
    ("Recommendations", False), ("Рекомендации", False),
])
def test_mixes_conclusion(heading: str, mixed: bool) -> None:
    assert cues.mixes_conclusion(heading) is mixed


@pytest.mark.parametrize("sentence", [
    "The harbour board should publish tide tables.",
    "Donors are urged to pledge before the sowing season.",
    "We recommend that the river commission meets twice a year.",
    "It is essential that the council reopens the depot.",
    "El Ministerio de Agua debería publicar los niveles.",
    "Se recomienda ampliar la red de clínicas.",
    "Le conseil régional doit rouvrir le dépôt.",
    "Nous recommandons la création d'un fonds.",
    "Министерству следует опубликовать данные.",
    "Рекомендуется создать реестр колодцев.",
    "Вазорат бояд маълумотро нашр кунад.",
    "شهرداری باید آمار را منتشر کند.",
    "پیشنهاد می‌شود صندوق آب تشکیل شود.",
    "ينبغي على الوزارة نشر البيانات.",
    "نوصي بإنشاء صندوق للمياه.",
])
def test_asks(sentence: str) -> None:
    assert cues.asks(sentence)


@pytest.mark.parametrize("sentence", [
    "The harvest was poor in the north.",
    "Research shows that, should a drought come, prices would rise.",
    "Why should the provinces pay for the canal?",
    "Es un mecanismo que debieran usar las entidades.",
    "Esta es una recomendación antigua del consejo.",
    "این توصیه‌ها در سال گذشته نوشته شد.",
])
def test_does_not_ask(sentence: str) -> None:
    assert not cues.asks(sentence)


@pytest.mark.parametrize(("text", "verb"), [
    ("Establish a regional grain council.", True),
    ("Continue to refine the rainfall model.", True),
    ("- Stagger the new tariffs over three years", True),
    ("Exiger la publication des niveaux.", True),
    ("Établir un registre des puits.", True),
    ("Fortalecer la red de clínicas rurales.", True),
    ("Создать реестр колодцев.", True),
    ("Деятельность комиссии была слабой.", False),
    ("ایجاد صندوق آب در هر استان.", True),
    ("ارتقای سطح آموزش کشاورزان.", True),
    ("Создание реестра колодцев в каждой области.", True),
    ("Решение было принято в мае.", False),
    ("Таҳияи барномаи обёрӣ.", True),
    ("ضرورة إنشاء صندوق للمياه.", True),
    ("Open Ticket Data", False),
    ("Water councils", False),
    ("تعزيز الشفافية في الموانئ.", True),
    ("The ministry acted late.", False),
    ("Cadre légal et institutions.", False),
    ("Mujer y trabajo rural.", False),
])
def test_opens_with_verb(text: str, verb: bool) -> None:
    assert cues.opens_with_verb(text) is verb


@pytest.mark.parametrize(("text", "caption"), [
    ("Figure 3: Rainfall by province, 2010-2020", True), ("Table 2. Grain stocks", True),
    ("Source: Harbour Board survey.", True), ("Fuente: elaboración propia", True),
    ("Gráfico 4. Precios del trigo", True), ("Рисунок 2. Осадки по областям", True),
    ("شکل ۲: بارش در استان‌ها", True), ("المصدر: وزارة الزراعة", True), ("14", True),
    ("Page 3 of 12", True), ("© River Institute 2024", True),
    ("Sources of tension remain in the valley.", False),
    ("The figure rose sharply.", False),
])
def test_is_caption(text: str, caption: bool) -> None:
    assert cues.is_caption(text) is caption


@pytest.mark.parametrize(("label", "aside"), [
    ("Rationale", True), ("Why this matters:", True), ("Justificación", True),
    ("Обоснование", True), ("Justification :", True), ("دلیل", True),
    ("Mandatory reporting", False), ("For donors:", False),
])
def test_is_aside_label(label: str, aside: bool) -> None:
    assert cues.is_aside_label(label) is aside


def test_people_lead_in() -> None:
    assert cues.is_people_lead_in("Officials we hope to involve are:")
    assert cues.is_people_lead_in("Key stakeholders:")
    assert not cues.is_people_lead_in("We propose the following:")
    assert not cues.is_people_lead_in("Stakeholders were consulted in May.")


@pytest.mark.parametrize(("text", "label"), [
    ("Ask 02", "Ask 02"), ("R3: Fund the wells", "R3: "),
    ("Recommendation 1. The council should meet", "Recommendation 1. "),
    ("Recomendación 2:", "Recomendación 2:"), ("Рекомендация 4.", "Рекомендация 4."),
    ("توصیه ۳: ", "توصیه ۳: "), ("Rwanda should act", None), ("R&D centres", None),
])
def test_numbered_label(text: str, label: str | None) -> None:
    match = cues.NUMBERED_LABEL.match(text)
    assert (match.group(0) if match else None) == label


def test_caps_run_in() -> None:
    assert cues.caps_run_in("RECOMENDACIÓN En base a lo anterior") == "RECOMENDACIÓN"
    assert cues.caps_run_in("POLICY RECOMMENDATIONS The council should") == \
        "POLICY RECOMMENDATIONS"
    assert cues.caps_run_in("REFERENCES") == ""
    assert cues.caps_run_in("The council should") == ""


def test_list_markers() -> None:
    assert cues.strip_marker("1. Fund the wells") == "Fund the wells"
    assert cues.strip_marker("۲- تقویت شوراها") == "تقویت شوراها"
    assert cues.strip_marker("• Publish tables") == "Publish tables"
    assert cues.has_list_marker("(b) Publish the tables")
    assert not cues.has_list_marker("2024 was a dry year.")


def test_spelling_keeps_offsets() -> None:
    text = "توصيه‌ها ك"
    assert len(cues.spell(text)) == len(text)
    assert cues.spell(text) == "توصیه ها ک"


@pytest.mark.parametrize("sentence", [
    "The panel recommends that tolls be cut.", "We would strongly recommend a toll cap.",
    "I urge the board to act.", "This memo proposes a toll cap.",
    "Our main recommendation is a toll cap.", "The union calls on the city to act.",
    "Se recomienda bajar el peaje.", "Recomiendo bajar el peaje.", "Recomendamos un tope.",
    "Mi recomendación es un tope.", "Instamos al consejo a actuar.",
    "Nous recommandons un plafond.", "Un plafond est recommandé.",
    "Notre recommandation est un plafond.", "Nous exhortons la ville à agir.",
    "Рекомендуем снизить тариф.", "Призываем город действовать.",
    "Тавсия дода мешавад, ки тариф кам карда шавад.", "Пешниҳод мешавад, ки тариф кам шавад.",
    "پیشنهاد می‌شود عوارض کاهش یابد.", "توصیه ما کاهش عوارض است.",
    "نوصي بخفض الرسوم.", "ويوصي المجلس بخفض الرسوم.", "ندعو البلدية إلى خفض الرسوم.",
])
def test_the_author_recommends_in_every_form(sentence: str) -> None:
    assert cues.recommends_explicitly(sentence)


@pytest.mark.parametrize("sentence", [
    "In this paper we propose a method.", "The recommended dose is low.",
    "Nous appelons ce résultat un résumé.", "Se propone un método nuevo.",
])
def test_the_author_does_not_recommend(sentence: str) -> None:
    assert not cues.recommends_explicitly(sentence)


@pytest.mark.parametrize("sentence", [
    "We propose a toll cap.", "I suggest a cap.", "We encourage the city to act.",
    "Se sugiere un tope.", "Sugerimos un tope.", "Proponemos un tope.",
    "Nous proposons un plafond.", "Nous suggérons un plafond.", "Nous invitons la ville à agir.",
    "Предлагаем снизить тариф.", "Пешниҳод менамоем, ки тариф кам шавад.", "نقترح خفض الرسوم.",
])
def test_proposing_words(sentence: str) -> None:
    assert cues.proposes(sentence)
    assert cues.asks(sentence)


@pytest.mark.parametrize("sentence", [
    "Donors need to pledge.", "The board has to act.", "Towns have to act.",
    "Operators are strongly encouraged to act.", "There is an urgent need to act.",
    "Hay que actuar.", "Los municipios tienen que actuar.", "Es necesario actuar.",
    "Il est nécessaire d'agir.", "La ville devra agir.", "Il faudrait agir.",
    "Il convient d'agir.", "Надо действовать.", "Город должен действовать.",
    "Целесообразно действовать.", "Ҳукумат мебояд амал кунад.", "Амал кардан зарур аст.",
    "دولت بایستی اقدام کند.", "اقدام لازم است.", "یتعین علی الحکومة العمل.",
    "لا بد من العمل.", "من الضروري العمل.",
])
def test_modals_in_every_form(sentence: str) -> None:
    assert cues.own_modal(sentence) is not None


@pytest.mark.parametrize(("text", "expected"), [
    ("1. Publish the tables. 2. Dredge the channel. 3. Hire pilots.",
     ["1. Publish the tables.", "2. Dredge the channel.", "3. Hire pilots."]),
    ("۱. وزارت باید گزارش دهد. ۲. شورا باید نشست بگذارد.",
     ["۱. وزارت باید گزارش دهد.", "۲. شورا باید نشست بگذارد."]),
    ("١. ينبغي على الحكومة أن تنشر البيانات. ٢. يجب على البلديات أن تعمل.",
     ["١. ينبغي على الحكومة أن تنشر البيانات.", "٢. يجب على البلديات أن تعمل."]),
    ("1. Publish the tables in 2024. 3. Hire pilots.", []),
    ("Fares rose in 2024. 2. Pilots left.", []),
    ("1. Publish the tables.", []),
])
def test_a_numbered_list_run_into_one_paragraph(text: str, expected: list[str]) -> None:
    assert cues.inline_items(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Piovani, D., Arcaute, E. (2018). Measuring access. Open Science, 5(9).", True),
    ("(1) Okafor, N. and Lim, T. (2020). Tides. Marine Policy.", True),
    ("Ortega, J. A., & Sato, K. (2021). Ports.", True),
    ("Ports, in short, should publish their tables.", False),
    ("Publish the tables, A. to Z.", False),
])
def test_a_reference_entry(text: str, expected: bool) -> None:
    assert cues.is_reference_entry(text) is expected


@pytest.mark.parametrize("sentence", [
    "It would remove the need to drive for an hour.",
    "Residents would still need to drive to the port.",
    "Commute times are expected to fall.",
    "There is no need to act.",
])
def test_a_need_or_a_forecast_asks_nothing(sentence: str) -> None:
    assert cues.own_modal(sentence) is None


@pytest.mark.parametrize("sentence", [
    "Ports need to publish their tables.", "Operators are expected to report monthly.",
])
def test_a_need_or_an_expectation_of_an_actor_asks(sentence: str) -> None:
    assert cues.own_modal(sentence) is not None


@pytest.mark.parametrize(("text", "expected"), [
    ("أولاً: على الحكومة أن تخفض الرسوم.", "على الحكومة أن تخفض الرسوم."),
    ("ثانيا - نشر الجداول.", "نشر الجداول."),
    ("أولويات الحكومة واضحة.", "أولويات الحكومة واضحة."),
])
def test_an_arabic_ordinal_is_a_list_marker(text: str, expected: str) -> None:
    assert cues.strip_marker(text) == expected


@pytest.mark.parametrize(("sentence", "asks"), [
    ("على الحكومة أن تخفض الرسوم.", True),
    ("على الرغم من أن الحكومة خفضت الرسوم، ارتفعت الأسعار.", False),
])
def test_an_arabic_obligation_opening_the_sentence(sentence: str, asks: bool) -> None:
    assert (cues.own_modal(sentence) is not None) is asks
