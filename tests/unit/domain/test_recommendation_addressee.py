from __future__ import annotations

import pytest

from reviewdesk.domain.recommendation_addressee import (
    addressee,
    label_actor,
    names_actor,
    run_in_actor,
)


@pytest.mark.parametrize(("text", "expected"), [
    # the subject before a modal, after an opening clause or "it is … that"
    ("The Harbour Board should publish tide tables every week.", "The Harbour Board"),
    ("After the floods of last spring, river towns must clear their drains.", "River towns"),
    ("My view is that the regional assembly should vote on the canal.",
     "The regional assembly"),
    ("The Office of Water (OWR) and the Grain Authority (GAV) need to share data.",
     "The Office of Water (OWR) and the Grain Authority (GAV)"),
    ("The ferry operators will publish timetables in both languages.", "The ferry operators"),
    # asked by name
    ("We call on the coastal provinces to pool their patrol boats.", "The coastal provinces"),
    ("We recommend that the Ministry of Ports adopt the tide model.", "The Ministry of Ports"),
    ("The brief recommends that it be built near the old quay.", ""),
    ("For the Regional Council: Convene the water users twice a year.", "Regional Council"),
    ("Port Authority: publish the dredging plan.", "Port Authority"),
    ("Inland Water Centres to map every well by 2027.", "Inland Water Centres"),
    # no actor: passive, imperative, gerund, pronoun, impersonal
    ("Tide tables should be published weekly.", ""),
    ("Tide tables should be published weekly by the harbour masters.", "The harbour masters"),
    ("Publish the tide tables weekly.", ""),
    ("Continue to refine the rainfall model.", ""),
    ("Access to credit for fishers remains scarce.", ""),
    ("Sharing the patrol logs could help the coast guard.", ""),
    ("They should meet more often.", ""),
    ("Recommendation 2: The river commission should meet in May.", "The river commission"),
    # Spanish, French, Russian, Tajik, Persian, Arabic
    ("La Dirección de Puertos debería publicar las tablas de mareas.",
     "La Dirección de Puertos"),
    ("Con base en lo anterior, se recomienda a las juntas de riego publicar sus cuentas.",
     "Las juntas de riego"),
    ("Al mismo tiempo, se debe revisar la tarifa del agua.", ""),
    ("Nous recommandons aux communes de publier leurs budgets.", "Communes"),
    ("Nous recommandons au ministère de la Mer de publier les marées.",
     "Ministère de la Mer"),
    ("Nous recommandons aux ports d'agir vite.", "Ports"),
    ("We recommend that a tide formula be set every spring.", ""),
    ("Совет бассейна должен провести проверку квот.", "Совет бассейна"),
    ("يجب على مجلس الحوض أن يراجع الحصص.", "مجلس الحوض"),
    ("يتعين على وزارة الموانئ نشر جداول المد.", "وزارة الموانئ"),
    ("ينبغي للبلديات الكشف عن ميزانياتها.", "البلديات"),
    ("يجب على السلطات الساحلية إنشاء صندوق للموانئ.", "السلطات الساحلية"),
    ("ينبغي على الحكومة الالتزام بجدول المد.", "الحكومة"),
    ("أولاً: على الحكومة أن تخفض الرسوم.", "الحكومة"),
    ("يجب على تحسين الخدمات نشر الجداول.", ""),
    ("پیشنهاد می‌شود وزارت راه گزارش سالانه منتشر کند.", "وزارت راه"),
    ("توصیه می‌شود که شهرداری‌ها بودجه را منتشر کنند.", "شهرداری‌ها"),
    ("پیشنهاد می‌شود گزارش سالانه منتشر شود.", ""),
    ("Les agences de l'eau devraient publier leurs données.", "Les agences de l'eau"),
    ("Областным властям следует опубликовать данные о скважинах.", "Областным властям"),
    ("Рекомендуется водным комитетам ежегодно публиковать отчёты.", "Водным комитетам"),
    ("Вазорати кишоварзӣ бояд маълумотро нашр кунад.", "Вазорати кишоварзӣ"),
    ("Ба мақомоти маҳаллӣ тавсия дода мешавад, ки ҳисоботро нашр кунанд.",
     "Мақомоти маҳаллӣ"),
    ("وزارت نیرو باید آمار چاه‌ها را منتشر کند.", "وزارت نیرو"),
    ("به شوراهای شهر پیشنهاد می‌شود بودجه را منتشر کنند.", "شوراهای شهر"),
    ("ينبغي على البلديات أن تنشر ميزانياتها.", "البلديات"),
    ("نوصي وزارة الزراعة بنشر البيانات.", "وزارة الزراعة"),
])
def test_addressee(text: str, expected: str) -> None:
    assert addressee(text) == expected


@pytest.mark.parametrize(("label", "expected"), [
    ("For the river provinces", "River provinces"),
    ("For donors:", "Donors"),
    ("Seed banks and donors:", "Seed banks and donors"),
    ("Coastal Guard Units:", "Coastal Guard Units"),
    ("Recommendations to the Harbour Board", "Harbour Board"),
    ("3. Policy recommendations for municipalities", "Municipalities"),
    ("Call to action: for funders", "Funders"),
    ("Recomendaciones para los gobiernos locales", "Gobiernos locales"),
    ("Recommandations aux collectivités territoriales", "Collectivités territoriales"),
    ("Рекомендации для органов власти", "Органов власти"),
    ("برای شهرداری‌ها:", "شهرداری‌ها"),
    ("Барои Ҳукумат:", "Ҳукумат"),
    # not an actor: the list itself, a time, a theme, an example
    ("Recommendations", ""), ("Short term", ""), ("Short term:", ""),
    ("Energy sector", ""), ("Insights:", ""), ("For example:", ""),
    ("Recommendations for future research", ""), ("Recommendations for action", ""),
    ("Statement of the problem:", ""), ("Recommendations to strengthen the sector", ""),
    ("Recommendations to the private sector", "Private sector"),
    ("For research institutes:", "Research institutes"), ("Key actions:", ""),
])
def test_label_actor(label: str, expected: str) -> None:
    assert label_actor(label) == expected


def test_run_in_actor() -> None:
    assert run_in_actor("For water boards: publish tariffs.") == ("Water boards",
                                                                  "publish tariffs.")
    assert run_in_actor("Establish that towns have a right to: (a) data") == (
        "", "Establish that towns have a right to: (a) data")
    assert run_in_actor("In 2020, the ministry said: no.")[0] == ""


def test_names_actor() -> None:
    assert names_actor("The regional assembly")
    assert names_actor("OWR")
    assert names_actor("Open Channel Maintainers")
    assert not names_actor("Effective climate policy")
    assert not names_actor("")
