"""Recommendations and their addressees in Russian, Persian/Dari, Tajik, Arabic, French
and Spanish briefs (our own sentences)."""

from __future__ import annotations

import pytest

from reviewdesk.domain.recommendations import extract_recommendations
from reviewdesk.importers.markdown import parse_markdown

RUSSIAN = """# Вода для долины

## Выводы

Запасы воды сокращаются с 2015 года.

## Рекомендации

Для областных властей:

1. Опубликовать данные о скважинах до конца года.
2. Создать единый реестр колодцев.

Министерству сельского хозяйства следует пересмотреть тарифы на воду. Рекомендуется
водным комитетам ежегодно публиковать отчёты.
"""

PERSIAN = """# آب برای دره

## پیشنهاد‌ها

برای شهرداری‌ها:

- ایجاد سامانه‌ی ثبت چاه‌ها در هر شهر.
- انتشار گزارش سالانه‌ی مصرف آب.

وزارت نیرو باید آمار چاه‌ها را منتشر کند. به شورا‌های شهر پیشنهاد می‌شود بودجه را
منتشر کنند.

شکل ۲: مصرف آب در استان‌ها
"""

# The same heading written with Arabic yeh and kaf and a space for the ZWNJ.
DARI = """# آب برای دره

## توصيه ها

۱- وزارت زراعت باید نقشه‌ی چاه‌ها را تهیه کند.

۲- تقویت شوراهای آب در ولسوالی‌ها.
"""

TAJIK = """# Об барои водӣ

## Тавсияҳо

Барои мақомоти маҳаллӣ:

- Таҳияи феҳристи чоҳҳо дар ҳар ноҳия.

Вазорати кишоварзӣ бояд маълумотро ҳар сол нашр кунад.
"""

ARABIC = """# المياه في الوادي

## التوصيات

- ينبغي على البلديات أن تنشر ميزانياتها السنوية.
- تعزيز الشفافية في توزيع المياه.
- نوصي وزارة الزراعة بإنشاء سجل للآبار.
"""

FRENCH = """# L'eau dans la vallée

## Recommandations aux collectivités territoriales

Demande 01

Transparence

Publier chaque année les volumes prélevés par commune.

Justification

Les usagers ne peuvent pas comparer ce qu'ils ne voient pas.

Demande 02

Les agences de l'eau devraient financer les compteurs.
"""

SPANISH = """# Agua para el valle

## Opciones de política

- Opción 1: subir la tarifa.

## Recomendación

En base a lo expuesto, mi recomendación a las juntas de riego es publicar sus cuentas cada
año. Esto les costaría poco. Al mismo tiempo, se debe revisar la tarifa del agua. Se
podría empezar por los distritos del norte. Se recomienda además estudiar el uso de
contadores.
"""


@pytest.mark.parametrize(("markdown", "expected"), [
    (RUSSIAN, [("Опубликовать данные о", "Областных властей"),
               ("Создать единый реестр", "Областных властей"),
               ("Министерству сельского хозяйства", "Министерству сельского хозяйства"),
               ("Рекомендуется водным комитетам", "Водным комитетам")]),
    (PERSIAN, [("ایجاد سامانه‌ی ثبت", "شهرداری‌ها"), ("انتشار گزارش سالانه‌ی", "شهرداری‌ها"),
               ("وزارت نیرو باید", "وزارت نیرو"), ("به شورا‌های شهر", "شورا‌های شهر")]),
    (DARI, [("۱- وزارت زراعت", "وزارت زراعت"), ("۲- تقویت شوراهای", "")]),
    (TAJIK, [("Таҳияи феҳристи чоҳҳо", "Мақомоти маҳаллӣ"),
             ("Вазорати кишоварзӣ бояд", "Вазорати кишоварзӣ")]),
    (ARABIC, [("ينبغي على البلديات", "البلديات"), ("تعزيز الشفافية في", ""),
              ("نوصي وزارة الزراعة", "وزارة الزراعة")]),
    (FRENCH, [("Publier chaque année", "Collectivités territoriales"),
              ("Les agences de", "Les agences de l'eau")]),
    (SPANISH, [("En base a", "Las juntas de riego"), ("Al mismo tiempo,", ""),
               ("Se recomienda además", "")]),
], ids=["ru", "fa", "prs", "tg", "ar", "fr", "es"])
def test_recommendations_in_six_languages(markdown: str,
                                          expected: list[tuple[str, str]]) -> None:
    items = extract_recommendations(parse_markdown(markdown, "brief.md"))
    assert [(" ".join(i.text.split()[:3]), i.addressee) for i in items] == expected
