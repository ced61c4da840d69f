"""The words that mark a recommendation, its addressee and what is not one, in English,
Russian, Persian/Dari, Tajik, Arabic, French and Spanish: regular expressions matched, without
regard to case, against text spelled by recommendation_cues.spell (Arabic yeh and kaf in their
Persian form, ZWNJ as a space, ё as е). A Persian word joined by a ZWNJ or a space is written
here with " ?" between its parts.
"""

from __future__ import annotations


def word_set(text: str) -> frozenset[str]:
    """The words of `text`, split at white space."""
    return frozenset(text.split())

# A heading (or a label standing alone) that opens the recommendations.
HEADING = (
    r"\brecommend", r"\bwhat (should|must|needs to|can) be done", r"\bthe way forward",
    r"\bway ahead", r"\bcalls? (to|for) action", r"\baction (points|items|plan)\b",
    r"\bpolicy implications", r"\bpriorities for action", r"\b(policy |key |our |specific |"
    r"three |four |five |two )?asks\b", r"\bpolicy proposals\b", r"\bproposed (actions|measures)",
    r"\brecommand", r"\bpréconisations?\b", r"\bpistes d.action", r"\bappel à (l.)?action",
    r"\bmesures proposées", r"\bque faire\b", r"\b(nos |trois |quatre )demandes\b",
    r"\brecomendaci", r"\bllamado a la acción", r"\blíneas de acción", r"\bqué hacer\b",
    r"\bmedidas propuestas", r"\bpropuestas de política",
    r"\bрекомендаци", r"\bчто (нужно|следует|необходимо) (сделать|делать)",
    r"\bпризыв к действи", r"\bпредлагаемые меры",
    r"\bтавсия", r"\bпешниҳод", r"\bчӣ бояд кард", r"\bроҳҳои ҳал",
    "توصیه ?ها", "توصیه ?های", "پیشنهاد ?ها", "پیشنهاد ?های", "پیشنهادات", "راهکار",
    "چه باید کرد", "اقدامات ?(ی )?پیشنهادی",
    "توصیات", "التوصیات", "توصیة", "المقترحات", "مقترحات", "ما العمل", "دعوة (إلى|لل)عمل",
    "السیاسات المقترحة",
)

# Words for the conclusion, to tell "Conclusions and recommendations" from a section that
# holds nothing but recommendations.
CONCLUSION = (
    r"\bconclu", r"\bfinal (thoughts|remarks)", r"\blessons\b", r"\bdiscussion\b",
    r"\bsummary\b", r"\bfindings\b", r"\bremarques finales", r"\bsynthèse\b",
    r"\bconsideraciones finales", r"\bresumen\b", r"\bзаключ", r"\bвыводы?\b", r"\bитог",
    r"\bхулоса", r"\bнатиҷагирӣ", "نتیجه ?گیری", "جمع ?بندی", "خلاصه", "خاتمة", "الخلاصة",
    "استنتاج",
)

# A heading over a summary of the recommendations, which a full part may repeat.
SUMMARY = (
    r"\b(key|main|summary of|principal|core)\b.*\brecommend", r"\brecommendations? at a glance",
    r"\b(principales|resumen de) recomendaciones", r"\brecommandations (clés|principales)",
    r"\bprincipales recommandations", r"\b(ключевые|основные|краткие) рекомендации",
    r"\bтавсияҳои асосӣ", "(توصیه|پیشنهاد) ?(ها|های) ?(کلیدی|اصلی)", "(أهم|أبرز) التوصیات",
    "التوصیات الرئیسیة",
)

# A heading that lists choices or what was considered, not what the brief asks for.
OPTIONS = (
    r"\boptions?\b", r"\bcourses? of action", r"\balternatives\b", r"\bscenarios?\b",
    r"\bchoices\b", r"\bopciones\b", r"\balternativas\b", r"\bcursos de acción",
    r"\bescenarios\b", r"\bvariantes\b", r"\bsc[ée]narios\b", r"\bварианты\b",
    r"\bальтернатив", r"\bсценари", r"\bимконот\b", "گزینه", "سناریو", "خیارات", "بدائل",
    "سیناریوهات",
)

# A label whose block explains or argues rather than asks: the blocks under it are no items.
ASIDE = (
    r"rationale", r"justification", r"why( this| it)?( matters)?", r"background",
    r"context", r"evidence", r"explanation", r"examples?", r"case stud(y|ies)", r"note",
    r"costs?", r"benefits?", r"risks?", r"expected (impact|results?|outcomes?)", r"impact",
    r"criteria", r"indicators?", r"budget", r"timeline", r"timeframe", r"responsible",
    r"justificaci[oó]n", r"por qu[eé]", r"contexto", r"ejemplos?", r"costos?", r"criterios",
    r"impacto", r"fundamento", r"raison", r"pourquoi", r"contexte", r"exemples?",
    r"coûts?", r"critères", r"обоснование", r"почему", r"контекст", r"примеры?",
    r"стоимость", r"критерии", r"асоснокунӣ", r"чаро", "دلیل", "دلایل", "توجیه", "چرا",
    "زمینه", "مثال", "هزینه", "مبررات", "لماذا", "السیاق", "مثال", "التکلفة",
)

# The words a lead-in uses for a list of people or bodies to involve, which asks nothing.
PEOPLE = (
    r"\binclude\b", r"\binvolve\b", r"\bconsult\b", r"\bcontact\b", r"\binvite\b",
    r"\bcontributors\b", r"\bstakeholders\b", r"\bactors\b", r"\bpartners\b",
    r"\bmembers\b", r"\bparticipants\b", r"\bpeople\b", r"\binterlocutors\b",
    r"\bintervenants\b", r"\bparticipantes\b", r"\bactores\b", r"\bучастник", r"\bпартнер",
    "ذینفعان", "شرکا", "الشرکاء", "الجهات المعنیة",
)

# A caption, a source line or a running footer: never an item.
CAPTION = (
    r"(fig(ure)?|table|chart|graph|map|box|photo|image|source|sources|note|notes)\b\.?\s*"
    r"[\dIVX]*\s*[:.\-–—]",
    r"(fig(ure)?|table|chart|graph|map|box)\s+\d+",
    r"(gráfico|gráfica|tabla|cuadro|figura|mapa|fuente|recuadro)\b\.?\s*\d*\s*[:.\-–—]?",
    r"(graphique|tableau|figure|carte|encadré|source)\b\.?\s*\d*\s*[:.\-–—]?",
    r"(рисунок|рис|таблица|график|диаграмма|схема|карта|источник|врезка)\b\.?\s*\d*\s*"
    r"[:.\-–—]?",
    r"(расм|ҷадвал|манбаъ|сарчашма)\b\.?\s*\d*\s*[:.\-–—]?",
    r"(شکل|جدول|نمودار|نقشه|منبع|مأخذ|الشکل|الجدول|المصدر|مصدر|رسم بیانی)\s*[\d۰-۹٠-٩]*\s*"
    r"[:.\-–—]",
    r"(page|página|стр\.?|страница|صفحه|الصفحة)\s*\d+(\s*(of|de|из|از|من)\s*\d+)?$",
    r"[\d\s\-–—|/]+$", r"(©|copyright|all rights reserved)",
)

# Cues that a sentence asks for something, without a subject to read: modals in the
# sentence's own language, "we recommend", "it is essential that".
MODALS = (
    r"\bshould\b", r"\bmust\b", r"\bought to\b",
    # not "the need to drive" nor "would still need to drive"
    r"\bneed(?<!\bthe need)(?<!\ba need)(?<!\bno need)(?<!\bany need)(?<!\bwould need)"
    r"(?<!\bwill need)(?<!\bmay need)(?<!\bmight need)(?<!\bcould need)(?<!\bstill need)"
    r"(?<!\blikely need)(?<!\bnot need)s? to\b",
    r"\bhas to\b",
    r"\bhave to\b",
    r"\b(is|are) (strongly |also )?(encouraged|urged|advised|invited|called upon|requested|"
    r"required) to\b",
    # "are expected to report", not a forecast ("are expected to fall")
    r"\b(is|are) (strongly |also )?expected to (?!(fall|rise|increase|decrease|decline|grow|"
    r"reach|remain|be|become|continue|double|halve|drop|exceed|improve|worsen|take|last|"
    r"cost|pose|affect|benefit|create|generate|result|lead|peak|slow|stay)\b)",
    r"\bit is (strongly |therefore |also )?(recommended|essential|important|necessary|crucial|"
    r"vital|critical|imperative|advisable|urgent) (that|to|for)\b",
    r"\bthere is an? (urgent |clear |pressing )?need (to|for)\b",
    r"\b(debe|deben|debería|deberían|debiera|debieran|deberá|deberán|debemos|deberíamos)\b",
    r"\b(hay|tiene|tienen) que\b",
    r"\bes (necesario|fundamental|importante|imprescindible|urgente|recomendable|preciso|"
    r"esencial) (que|\w+(ar|er|ir))\b",
    r"\bil est (recommandé|nécessaire|essentiel|important|indispensable|urgent|crucial|"
    r"impératif) (de|d'|que)",
    r"\b(doit|doivent|devrait|devraient|devra|devront|devons|devrions)\b",
    r"\bil (faut|faudrait|convient|conviendrait)\b",
    r"\b(следует|необходимо|нужно|надо|должен|должна|должно|должны|целесообразно)\b",
    r"\b(бояд|мебояд|зарур аст|лозим аст|ҳатмист)\b",
    "(^|\\s)(باید|بایستی|بایست|می ?بایست|لازم است|ضروری است|ضرورت دارد)(\\s|$|[.،,])",
    "(ینبغی|یجب|یتعین|یتوجب|لا ?بد|من الضروری|من المهم)",
    # "على الحكومة أن تعتمد …" opening the sentence, or after its label ("أولاً:")
    # (not "على الرغم من أن", "although")
    "(^|[:：]\\s*)علی\\s+(?!الرغم|رغم|الأقل|سبیل|أساس|اساس|حد)[^،,.:]{1,60}?\\s(أن|ان)(\\s|$)",
)

# The author's own recommending verbs and nouns ("we recommend", "my recommendation is",
# "se recomienda", "рекомендуется", "پیشنهاد می‌شود", "نوصی").
RECOMMENDING = (
    r"\brecommend(s|ed)? that\b", r"\b(we|i) (would |strongly |also |therefore )*"
    r"(recommend|urge|call on|call upon|advise)\b",
    r"\b(this|the|our) (brief|memo|paper|report|study|note|document|analysis) "
    r"(recommends|urges|proposes|calls)\b",
    r"\b(my|our|the)( main| key| first| central| principal)? recommendation\b(?<!the "
    r"recommendation)",
    r"\b(urges|calls on|calls upon)\b",
    r"\b(se )?recomienda(n)?\b", r"\brecom(e|i)endo\b", r"\brecomendamos\b",
    r"\b(mi|nuestra|la principal|la primera) recomendaci[oó]n\b",
    r"\binstamos\b",
    r"\b(nous )?recommandons\b", r"\best recommandé\b",
    r"\b(notre|ma|la principale|la première) recommandation\b",
    r"\bnous (appelons (à|les|le|la)|exhortons)\b",
    r"\b(рекомендуется|рекомендуем|рекомендую|рекомендовано|призываем)\b",
    r"\b(тавсия (дода )?мешавад|тавсия медиҳем|тавсия менамоем|тавсия мекунем|"
    r"пешниҳод (карда )?мешавад)\b",
    "(پیشنهاد|توصیه) ?(می ?(شود|گردد|کنیم|کنم|نماییم|دهیم)|ما)",
    "(?<!\\S)و?(نوصی|یوصی|توصی|نطالب|ندعو|نحث)(?!\\S)",
)

# Every match of RECOMMENDING, PROPOSING and MODALS holds one of their stems (spelled, in
# lower case): a text is searched only when it holds one, the search being slow on long
# texts.
RECOMMENDING_STEMS = (
    "recom", "urge", "call", "advis", "propos", "instamos", "appel", "exhort", "рекоменд",
    "призыва", "тавсия", "пешниҳод", "پیشنهاد", "توصیه", "نوصی", "یوصی", "توصی", "نطالب",
    "ندعو", "نحث",
)

PROPOSING_STEMS = (
    "propos", "suggest", "suggér", "encourag", "sugier", "suger", "propon", "invit", "demand",
    "предлага", "пешниҳод", "نقترح", "یقترح",
)
MODAL_STEMS = (
    "should", "must", "ought", "need", "has to", "have to", "encouraged", "urged", "advised",
    "invited", "called upon", "requested", "expected", "required", "it is", "there is",
    "deb", "hay que", "tiene", "es ", "il est", "doi", "devr", "devra", "devons", "il f",
    "il conv", "следует", "необходимо", "нужно", "надо", "долж", "целесообразно", "бояд",
    "зарур", "лозим", "ҳатмист", "باید", "بایست", "لازم", "ضروری", "ضرورت", "ینبغی",
    "یجب", "یتعین", "یتوجب", "بد", "المهم", "علی",
)

# Proposing words that ask only inside a recommendations part: elsewhere "we propose a
# method" describes the study.
PROPOSING = (
    r"\b(we|i) (would |strongly |also |therefore )*(propose|suggest|encourage)\b",
    r"\b(se sugiere|sugerimos|proponemos|se propone)\b",
    r"\bnous (proposons|suggérons|invitons|demandons)\b", r"\b(предлагается|предлагаем)\b",
    r"\b(пешниҳод менамоем|пешниҳод мекунем)\b",
    "(?<!\\S)و?(نقترح|یقترح)(?!\\S)",
)

# Words before a modal that make it part of a clause, not the sentence's ask: "the
# conditions that content must meet", "que debieran realizar".
RELATIVE = (
    r"that", r"which", r"who", r"whom", r"que", r"quienes", r"cuales", r"qui", r"qu'",
    r"dont", r"который", r"которая", r"которое", r"которые", r"что", r"ки", "الذی", "التی",
    "الذین",
)

# Subjects that name no actor: pronouns and impersonal forms.
PRONOUNS = (
    "it", "this", "that", "these", "those", "there", "they", "we", "i", "you", "he", "she",
    "one", "which", "who", "such", "all", "each", "what", "both", "se", "esto", "esta",
    "este", "ello", "eso", "nosotros", "yo", "lo", "ellos", "ellas", "il", "on", "nous",
    "ce", "cela", "ceci", "elle", "ils", "elles", "je", "это", "мы", "он", "она", "они",
    "оно", "вы", "я", "нам", "им", "ин", "он", "онҳо", "мо", "ما", "این", "آن", "او",
    "آنها", "ایشان", "ما باید", "نحن", "هذا", "هذه", "ذلک", "هو", "هی", "هم",
)

# Words that name actors a recommendation can address, for the shapes where the actor must
# be told from a thing ("Donors to pledge early" against "Access to credit").
ACTORS = (
    r"governments?\b", r"ministr(y|ies)\b", r"ministers?\b", r"parliaments?\b",
    r"congress\b", r"senate\b", r"legislat(ors?|ures?)\b", r"council(s|lors?)?\b",
    r"commission(s|ers?)?\b", r"committees?\b", r"agenc(y|ies)\b", r"authorit(y|ies)\b",
    r"departments?\b", r"offices?\b", r"municipal(ity|ities)\b", r"cit(y|ies)\b",
    r"states?\b", r"countr(y|ies)\b", r"donors?\b", r"funders?\b", r"lenders?\b",
    r"investors?\b", r"banks?\b", r"partners?\b", r"polic(y|ies)[ -]?makers?\b",
    r"decision[ -]?makers?\b", r"leaders\b", r"officials\b", r"regulators?\b",
    r"operators?\b", r"providers?\b", r"compan(y|ies)\b", r"firms\b", r"industry\b",
    r"employers?\b", r"unions?\b", r"universit(y|ies)\b", r"schools?\b", r"researchers\b",
    r"practitioners\b", r"cent(re|er)s?\b", r"institut(e|es|ions?)\b",
    r"organi[sz]ations?\b", r"ngos?\b", r"civil society\b", r"communit(y|ies)\b",
    r"assembl(y|ies)\b", r"courts?\b", r"police\b", r"boards?\b", r"foundations?\b",
    r"coalitions?\b", r"networks?\b", r"forums?\b", r"alliances?\b", r"secretariats?\b",
    r"administrations?\b", r"mayors?\b", r"governors?\b", r"president\b", r"cabinet\b",
    r"treasury\b", r"bureaus?\b", r"platforms\b", r"journalis(ts?|m)\b", r"media\b",
    r"academ(ia|ics|y|ies)\b", r"maintainers\b", r"members\b", r"representatives\b",
    r"meps?\b", r"sectors?\b", r"cooperatives\b", r"associations?\b", r"groups\b",
    r"utilit(y|ies)\b", r"regions\b", r"provinces\b",
    r"gobiernos?\b", r"ministerios?\b", r"autoridad(es)?\b", r"tomadores\b",
    r"entidades\b", r"instituciones\b", r"donantes\b", r"municipios\b",
    r"municipalidades\b", r"alcald[ií]as?\b", r"juntas?\b", r"organismos?\b",
    r"gouvernements?\b", r"ministères?\b", r"bailleurs\b", r"autorités\b", r"décideurs\b",
    r"collectivités\b", r"communes\b", r"agences?\b", r"organismes?\b", r"правительств",
    r"министерств", r"ведомств", r"органы\b", r"органам\b", r"органов\b", r"власт",
    r"комитет", r"служб", r"администраци", r"ҳукумат", r"вазорат", r"мақомот", r"кумита",
    r"хадамот", "دولت", "وزارت", "مجلس", "نهاد", "سازمان", "حکومت", "شهرداری", "شورا",
    "استانداری", "الحکومة", "الوزارة", "وزارة", "السلطات", "المانحین", "الدول", "البلدیات",
    "الهیئات",
)

# Labels that group items by something other than an actor: timing, priority, a theme.
NOT_ACTORS = (
    r"(short|medium|long|near)[ -]term", r"immediate", r"priorit", r"phase", r"step",
    r"stage", r"year", r"month", r"first\b", r"second\b", r"third\b", r"next\b",
    r"example", r"instance", r"this reason", r"that reason", r"now\b", r"key\b", r"visual",
    r"recommend", r"plazo", r"ejemplo", r"ello\b", r"terme", r"exemple", r"срок", r"пример",
    r"этого", "مدت", "مثال", "المدى",
    # an abstract head noun: "future research", "policy and practice", "action"
    r"(actions?|measures?|outcomes?|results?|insights?|interpretation|objectives?|goals?|"
    r"summary|options?|future|research|practice|policy|policies|reforms?|implementation|"
    r"improvements?|change|consideration|discussion)$",
)

# English verbs that open an imperative item ("Establish a fund", "Continue to refine").
IMPERATIVES = word_set("""
accelerate accept act adapt add address adjust adopt advance advocate align allocate allow
amend apply appoint approve assess assign avoid back ban begin boost bridge bring broaden
build bundle call cap champion change channel clarify collaborate collect combine commission
commit communicate complete conduct consider consolidate continue convene cooperate
coordinate create cut decentralise decentralize dedicate deepen define deliver deploy
design designate develop devise direct diversify document double draft drive educate
eliminate embed empower enable enact encourage end enforce engage enhance enlarge ensure
establish evaluate examine exempt expand expedite explore extend facilitate finance fix
focus formalise formalize foster fund give grant guarantee harmonise harmonize help
identify implement improve incentivise incentivize include incorporate increase integrate
introduce invest invite involve issue join keep launch lead legislate leverage limit link
lower maintain make manage mandate map measure mobilise mobilize modernise modernize monitor
move negotiate offer open oppose organise organize partner pass pay phase pilot place plan
prepare preserve prevent prioritise prioritize promote protect provide publish pursue put
raise reallocate rebuild recognise recognize reconsider redirect reduce reform refrain
regulate reinforce reinstate reject release remove reopen replace report require research
reserve resist restore restructure resume retain review revise revisit safeguard scale
secure seek separate set share shift sign simplify speed stagger standardise standardize
start stop streamline strengthen study submit subsidise subsidize support sustain tackle
take target tax test tighten track train transfer transition translate treat undertake
update upgrade uphold urge use utilise utilize waive widen withdraw work
""")

# French and Spanish infinitives open items too ("Exiger que…", "Establecer…"); these nouns
# end like one.
NOT_INFINITIVES = word_set("""
cadre centre premier dernier nombre membre entre autre notre votre ministre ordre titre
lettre lugar mujer poder hogar bienestar militar popular particular familiar ayer mar par
primer
""")

# Persian and Arabic verbal nouns that open an item ("ایجاد …", "تعزیز …"), and Tajik ones.
VERBAL_NOUNS = (
    "ایجاد", "تقویت", "افزایش", "توسعه", "بهبود", "حمایت", "تدوین", "اصلاح", "بازنگری",
    "تامین", "تأمین", "کاهش", "استفاده", "برگزاری", "تشکیل", "راه ?اندازی", "گسترش",
    "تسهیل", "ارتقا", "ارتقای", "فراهم", "تخصیص", "پیگیری", "اجرای", "ضرورت", "لزوم",
    "تشویق", "تسریع", "تصویب", "شفاف ?سازی", "نظارت", "جلوگیری", "الزام", "توجه",
    "تعزیز", "إنشاء", "انشاء", "دعم", "توفیر", "ضمان", "تطویر", "وضع", "اعتماد", "تحسین",
    "زیادة", "تشجیع", "إصلاح", "تفعیل", "إعادة", "توسیع", "تبنی", "رفع", "الحد", "مراجعة",
    "إدراج", "تخصیص", "بناء", "تمکین", "تنظیم", "إطلاق", "ضرورة", "العمل علی", "الاهتمام",
    "إیلاء", "إشراك", "التأکید", "таҳия", "таъсис", "тақвият", "беҳтар", "баланд", "ҷорӣ",
    "густариш", "дастгирӣ", "таъмин", "кам кардан", "зиёд", "зарурати", "васеъ",
    "создание", "разработка", "обеспечение", "усиление", "внедрение", "повышение",
    "расширение", "совершенствование", "развитие", "поддержка", "укрепление", "принятие",
    "введение", "пересмотр", "упрощение", "сокращение", "снижение", "увеличение",
)
