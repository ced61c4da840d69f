"""The words that name each part of a brief, in English, Russian, Persian/Dari, Tajik, Arabic,
French and Spanish: regular expressions matched against folded headings (sections.fold).

The patterns are folded the same way before they are compiled, so they are written here in
ordinary spelling (accents, Arabic yeh and kaf, hamza, ZWNJ) and match every spelling of the
heading. Where Persian joins the parts of a word with a ZWNJ or a space, a pattern allows
either (" ?"). Arabic-script stems have no word boundary in front, because the article ال and
the conjunction و are written joined to the word; a "^" ties an ambiguous one to the start.
Within a kind, phrases come before single words, so that the longer one is found.
"""

from __future__ import annotations

WORDS: dict[str, tuple[str, ...]] = {
    "references": (
        r"\bworks cited", r"\bfurther reading", r"\brecommended reading",
        r"\brelated (papers|reading|publications|work)",
        r"\breference list", r"\bnotes and (references|sources)", r"\breferences\b",
        r"\bbibliogra(ph|f)", r"\bendnotes\b", r"\bfootnotes\b", r"\bcitations\b",
        r"\bouvrages cités", r"\bpour aller plus loin", r"\blectures complémentaires",
        r"\bréférences", r"\bwebograph", r"\bnotes de fin",
        r"\bobras citadas", r"\bpara saber más", r"\blecturas recomendadas", r"\breferencias\b",
        r"\bсписок (литературы|источников|использованн)", r"\bиспользованн(ая|ой) литератур",
        r"\bбиблиограф", r"\bпримечани", r"\bсноски\b",
        r"\bрӯйхати адабиёт", r"\bадабиёти истифодашуда", r"\bманбаъҳо", r"\bсарчашмаҳо",
        r"\bэзоҳҳо",
        "فهرست ?(ی )?منابع", "منابع و مآخذ", "مآخذ", "کتاب ?نامه", "کتاب ?شناسی", "پی ?نوشت",
        "پانوشت", "قائمة المراجع", "مراجع", "ببليوغرافيا", "ببليوجرافيا", "الهوامش", "الحواشي",
    ),
    "recommendations": (
        r"\bwhat (should|must|needs to|can) be done", r"\bthe way forward", r"\bway ahead",
        r"\bwhat [\w ,&'-]{2,40}? (should|must|can|need to|ought to) do\b",
        r"\bcalls? (to|for) action", r"\bnext steps", r"\baction (points|items|plan)",
        r"\bpolicy implications", r"\bpriorities for action",
        r"\bproposed (actions|measures|policies)", r"\brecommend", r"\bimplications\b",
        r"\basks\b", r"\bproposals\b", r"\bsuggestions\b",
        r"\bprochaines étapes", r"\bappel à (l.)?action", r"\bque faire\b", r"\bpistes d.action",
        r"\bmesures proposées", r"\brecommand", r"\bpréconisation", r"\bpropositions\b",
        r"\bdemandes\b",
        r"\bpróximos pasos", r"\bllamado a la acción", r"\bqué hacer\b", r"\blíneas de acción",
        r"\bmedidas propuestas", r"\brecomendac", r"\bpropuestas\b", r"\bsugerencias\b",
        r"\bimplicaciones\b",
        r"\bчто (нужно|следует|необходимо) (сделать|делать)", r"\b(дальнейшие|следующие) шаги",
        r"\bпризыв к действи", r"\bрекомендац", r"\bрекомендуем", r"\bпредложени", r"\bмеры\b",
        r"\bқадамҳои (навбатӣ|минбаъда)", r"\bчӣ бояд кард", r"\bроҳҳои ҳал", r"\bтавсия",
        r"\bпешниҳод", r"\bчораҳо",
        "چه باید کرد", "گام ?های ?(بعدی|آتی)", "اقدامات ?(ی )?پیشنهادی", "توصیه", "پیشنهاد",
        "راهکار", "راه ?(های ?)?حل", "سفارش", "الخطوات (التالية|القادمة)", "ما العمل",
        "دعوة (إلى|للعمل)",
        "السياسات المقترحة", "توصيات", "مقترحات", "اقتراحات", "الحلول",
    ),
    "conclusion": (
        r"\bconcluding (remarks|thoughts)", r"\bfinal (thoughts|remarks|word)",
        r"\blessons (learn|from)", r"\bconclu", r"\bin sum\b", r"\bsumming up", r"\bwrap.?up",
        r"\blessons\b",
        r"\bremarques finales", r"\benseignements\b", r"\bleçons\b", r"\bbilan\b",
        r"\bconsideraciones finales", r"\breflexiones finales", r"\blecciones\b",
        r"\bзаключ", r"\bвыводы?\b", r"\bитоги?\b",
        r"\bсухани охир", r"\bхулоса", r"\bнатиҷагирӣ", r"\bҷамъбаст",
        "سخن ?(ی )?پایانی", "درس ?های ?آموخته", "نتیجه ?گیری", "جمع ?بندی",
        "ملاحظات ختامية", "الدروس المستفادة", "خاتمة", "استنتاج", "الخلاصة",
    ),
    "prospects": (
        r"\bwhy (this,? )?(why )?now\b", r"\bwhat (comes )?next\b", r"\blooking (ahead|forward)",
        r"\bwindows? of opportunit", r"\bthe road ahead", r"\bprospect", r"\boutlook",
        r"\bscenarios?\b", r"\bfuture\b", r"\bforecasts?\b", r"\bopportunit", r"\brisks?\b",
        r"\bprojections?\b", r"\bexpectations\b", r"\btrajector",
        r"\bpourquoi (\w+,? )?(pourquoi )?maintenant", r"\bet (maintenant|après)\b",
        r"\bperspectives?\b",
        r"\bprospective\b", r"\bavenir\b", r"\bfutur\b", r"\bprévisions?\b", r"\bopportunités\b",
        r"\brisques\b",
        r"\bpor qué (\w+,? )?(por qué )?ahora", r"\bperspectivas?\b", r"\bprospectiva\b",
        r"\bescenarios?\b",
        r"\bfuturo\b", r"\bpronósticos?\b", r"\boportunidades\b", r"\briesgos\b",
        r"\bчто дальше", r"\bпочему (\w+,? )?(почему )?сейчас", r"\bперспектив", r"\bпрогноз",
        r"\bсценари",
        r"\bбудущ", r"\bвозможност", r"\bриски\b", r"\bожидани",
        r"\bдурнамо", r"\bоянда", r"\bсенария", r"\bпешгӯӣ", r"\bимконият", r"\bхатар",
        "چرا (اکنون|الان|حالا)", "چشم ?انداز", "آینده", "سناریو", "پیش ?بینی", "فرصت",
        "مخاطرات", "خطرات", "ریسک", "لماذا الآن", "آفاق", "توقعات", "سيناريو", "مستقبل",
        "استشراف", "فرص", "مخاطر",
    ),
    "reasons": (
        r"\bwhy it matters", r"\bthe case for\b", r"\breasons?\b", r"\bdrivers?\b",
        r"\bcauses?\b", r"\bfactors\b", r"\bwhy\b", r"\bmotives?\b", r"\bexplaining\b",
        r"\bbehind\b", r"\banalys[ie]s\b", r"\bdiscussion\b", r"\brationale\b",
        r"\bimportance\b", r"\bsignificance\b", r"\bjustification\b", r"\bproblems?\b",
        r"\bchallenges?\b", r"\bconcerns?\b", r"\bweakness", r"\bgaps?\b", r"\bbarriers\b",
        r"\bobstacles\b", r"\bconstraints\b", r"\bshortcomings\b", r"\bfailures?\b",
        r"\bfail\b",
        r"\braisons\b", r"\bfacteurs\b", r"\bpourquoi\b", r"\bmoteurs\b", r"\bmotifs\b",
        r"\banalyse\b", r"\bproblèmes?\b", r"\bdéfis\b", r"\blacunes\b", r"\bfaiblesses\b",
        r"\béchecs?\b",
        r"\brazones\b", r"\bcausas\b", r"\bfactores\b", r"\bpor qué\b", r"\bmotivos\b",
        r"\bimpulsores\b", r"\banálisis\b", r"\bdiscusión\b", r"\bjustificación\b",
        r"\bimportancia\b", r"\bproblemas?\b", r"\bdesafíos\b", r"\bretos\b", r"\bbarreras\b",
        r"\bdebilidades\b", r"\bbrechas\b",
        r"\bпричин", r"\bфактор", r"\bпочему\b", r"\bмотив", r"\bпредпосылк", r"\bанализ",
        r"\bобсуждени", r"\bобосновани", r"\bпроблем", r"\bвызов", r"\bнедостатк", r"\bбарьер",
        r"\bпрепятстви", r"\bдвижущ", r"\bактуальност",
        r"\bсабаб", r"\bомил", r"\bчаро\b", r"\bангеза", r"\bтаҳлил", r"\bмуҳокима",
        r"\bзарурат", r"\bаҳамият", r"\bмушкил", r"\bмонеа",
        "دلایل", "علل", "عوامل", r"(^|\s)چرا(\s|$)", "انگیزه", "تحلیل", "ضرورت", "اهمیت",
        "چالش", "مشکلات", "مسائل", "موانع", "ریشه ?ها", "پیشران", "أسباب", "لماذا", "دوافع",
        "مناقشة", "مبررات", "أهمية", "التحديات", "مشكلة", "مشكلات", "عقبات", "معوقات", "ثغرات",
    ),
    "indicators": (
        r"\bkey events\b", r"\bstatus quo\b", r"\bstate of (play|affairs)", r"\bwhat happened\b",
        r"\bcurrent (situation|state|status|action|efforts|policy|policies|landscape)",
        r"\bindicators?\b", r"\bevidence\b", r"\bsigns\b", r"\bsignals\b",
        r"\bdevelopments\b", r"\btimeline\b", r"\btrends?\b", r"\bfindings\b", r"\bresults\b",
        r"\bdata\b", r"\binsights\b", r"\bstatistics\b", r"\bpatterns\b", r"\bdemographics?\b",
        r"\bstudy\b", r"\bresearch\b", r"\bcrisis\b", r"\bfacts\b",
        r"\bétat des lieux\b", r"\bsituation actuelle\b", r"\bindicateurs\b", r"\bsignes\b",
        r"\bsignaux\b", r"\bévolutions?\b", r"\bdéveloppements\b", r"\bévénements\b",
        r"\bchronologie\b", r"\btendances?\b", r"\brésultats\b", r"\bconstats?\b",
        r"\bdonnées\b", r"\bfaits\b", r"\bétude\b", r"\brecherche\b", r"\bcrise\b",
        r"\b(situación|estado) actual\b", r"\bindicadores\b", r"\bseñales\b", r"\bevolución\b",
        r"\bacontecimientos\b", r"\bhechos\b", r"\bcronología\b", r"\btendencias\b",
        r"\bresultados\b", r"\bhallazgos\b", r"\bdatos\b", r"\bdiagnóstico\b", r"\bestudio\b",
        r"\binvestigación\b", r"\bcrisis\b",
        r"\b(текущ|нынешн)(ая|ее) (ситуаци|положени|состояни)", r"\bиндикатор", r"\bпоказател",
        r"\bпризнак", r"\bсигнал", r"\bсобыти", r"\bхронологи", r"\bтенденци", r"\bтренд",
        r"\bрезультат", r"\bданные\b", r"\bфакты\b", r"\bстатистик", r"\bисследовани",
        r"\bкризис",
        r"\bнишондиҳанда", r"\bнишонаҳо", r"\bаломат", r"\bрӯйдод", r"\bтамоюл", r"\bнатиҷаҳо",
        r"\bомор\b", r"\bвазъ", r"\bдалел", r"\bтаҳқиқот",
        "شاخص", "نشانه", "علائم", "تحولات", "رویداد", "گاه ?شمار", "روند", "یافته", "نتایج",
        "داده", "آمار", "وضعیت", "شواهد", "پژوهش", "الجدول الزمني", "مؤشرات", "أدلة",
        "علامات", "تطورات", "أحداث", "اتجاهات", "بيانات", "إحصاء", "الوضع", "دراسة",
    ),
    "summary": (
        r"\bexecutive summary", r"\bkey (points|findings|messages|takeaways|results|facts)",
        r"\bat a glance", r"\bin brief\b", r"\bsummary\b", r"\babstract\b", r"\bhighlights\b",
        r"\bsynopsis\b",
        r"\brésumé (analytique|exécutif)", r"\b(points|messages) clés\b", r"\ben bref\b",
        r"\brésumé\b", r"\bsynthèse\b",
        r"\bresumen ejecutivo", r"\b(puntos|mensajes) clave", r"\ben (breve|síntesis)\b",
        r"\bresumen\b", r"\bsíntesis\b",
        r"\bкратко(е)? (изложение|содержание)", r"\b(основные|ключевые) (положения|тезисы|"
        r"идеи|моменты)", r"\bрезюме\b", r"\bаннотаци",
        r"\bхулосаи (мухтасар|асосӣ)", r"\bмухтасар", r"\bаннотатсия",
        "خلاصه ?(ی )?اجرایی", "نکات ?(کلیدی|اصلی)", "یافته ?های ?(کلیدی|اصلی)", "خلاصه",
        "چکیده", "الملخص التنفيذي", "ملخص تنفيذي", "النقاط الرئيسية", "أهم النتائج", "ملخص",
        "موجز", "أبرز",
    ),
    "introduction": (
        r"\bpolicy (issue|problem)s?\b", r"\b(problem statement|statement of the problem)",
        r"\bintroduc", r"\bforeword\b", r"\bpreface\b", r"\bavant.propos\b",
        r"\bpréface\b", r"\bprólogo\b", r"\bпредислови", r"\bbackground\b", r"\boverview\b",
        r"\bcontext\b", r"\bobjectives?\b",
        r"\bpurpose\b", r"\baims?\b", r"\bscope\b",
        r"\bmise en contexte", r"\bcontexte\b", r"\bhistorique\b", r"\bprésentation\b",
        r"\baperçu\b", r"\benjeux\b", r"\bproblématique\b",
        r"\bplanteamiento del problema", r"\bantecedentes\b", r"\bcontexto\b",
        r"\bobjetivos?\b", r"\bpanorama\b", r"\bpresentación\b", r"\bproblemática\b",
        r"\bпостановка (проблемы|задачи)", r"\bвведени", r"\bпредыстори", r"\bконтекст",
        r"\bвступлени", r"\bобщие сведения", r"\bобзор", r"\bцел[иь]\b",
        r"\bмуқаддима", r"\bсарсухан", r"\bзамина", r"\bҳадаф",
        "بیان ?(ی )?مسئله", "طرح ?(ی )?مسئله", "بيان المشكلة", "مقدمه", "پیشینه",
        "^(پیش ?)?زمینه", "دیباچه", "^(هدف|اهداف)", "پیش ?گفتار", "^معرفی", "پس ?منظر",
        "تقديم", "توطئة", "تمهيد", "خلفية", "السياق", "الأهداف",
    ),
}

# Parts of a brief that are none of the kinds above: a heading that begins with one of
# these is "other" whatever follows ("Methodology and data" is no indicators section).
WORDS["other"] = (
    r"\bmethod", r"\bapproach\b", r"\bpolicy options\b", r"\boptions\b", r"\bméthod",
    r"\bmetodolog", r"\bметод", r"\bусул", "روش", "المنهج", "منهجية", "الخيارات", "گزینه",
)

# Words that name a part only when they are the whole heading: "Sources" is a reference
# list, "Sources of tension" is not; Persian منابع is also "resources", درآمد also "income".
ALONE: dict[str, str] = {
    "references": (
        r"notes|sources|literature|notes (and|&) sources|sources (and|&) notes|notas|fuentes|"
        r"notes et sources|fuentes y notas|литература|источники|ссылки|адабиёт|منابع|"
        r"یادداشت ?ها|المصادر|مصادر|ملاحظات|هوامش"
    ),
    "introduction": r"درآمد",
    "conclusion": r"نتیجه",
}

# Headings that name a part outside the analysis: they never inherit their parent's part, so
# "Document metadata" under "References" is not read as reference entries.
OUTSIDE: tuple[str, ...] = (
    r"\bmetadata", r"\bdocument information", r"\babout (the|this|us)\b", r"\backnowledge?ment",
    r"\bdisclaimer", r"\bcolophon", r"\blicen[cs]e\b", r"\bcopyright", r"\bimprint\b",
    r"\bappendi(x|ces)", r"\bannex", r"\bcontents\b", r"\bglossar", r"\babbreviations",
    r"\bacronyms", r"\bthe authors?\b", r"^authors?$", r"\bglossaire", r"\bsigles\b",
    r"\bsiglas\b", r"\bglosario", r"\bсокращени", r"\bаббревиатур", r"\bглоссари",
    "اختصارات", "المختصرات", "واژه ?نامه", "مسرد", r"\bremerciements", r"\bà propos\b",
    r"\bavertissement", r"\bagradecimientos", r"\bsobre (el|los|la|las) autor",
    r"\bacerca de\b", r"\bapéndice", r"\banexo", r"\bdescargo", r"\bíndice\b",
    r"\bблагодарност", r"\bоб автор", r"\bприложени", r"\bсодержание", r"\bоглавление",
    r"\bоговорк", r"\bзамима", r"\bдар бораи муаллиф", r"\bмундариҷа",
    "سپاس ?گزاری", "قدردانی", "درباره ?(ی )?(نویسنده|نویسندگان|ما)", "پیوست", "ضمیمه",
    "فهرست ?(ی )?مطالب", "شكر وتقدير", "عن (المؤلف|الكاتب|الكتاب)", "ملحق", "ملاحق",
    "المحتويات", "إخلاء ?(ال)?مسؤولية", "فهرس",
)

# The heading of a table of contents: it names no part of the brief, nor the brief itself.
CONTENTS = (
    r"(table of )?contents|inhalt|inhaltsverzeichnis|sommaire|table des matières|índice|"
    r"contenido|indice|содержание|оглавление|мундариҷа|فهرست|فهرست مطالب|المحتويات|فهرس"
)
