"""Who a recommendation asks to act, in the brief's own words, or "" when it names no one."""

from __future__ import annotations

import re

from reviewdesk.domain import recommendation_cues as cues
from reviewdesk.domain import recommendation_words as words
from reviewdesk.domain.recommendation_script_actor import script_actor
from reviewdesk.domain.recommendation_sentences import split_sentences
from reviewdesk.domain.sections import strip_numbering

# A subject longer than this (its bracketed acronyms aside) is a clause the rules misread,
# not an actor's name.
_MAX_WORDS = 12
_BRACKETED = re.compile(r"\([^()]*\)")
_ANY_MODAL = re.compile(cues.MODAL.pattern + r"|\b(?:could|will|shall)\b", re.IGNORECASE)
# "recommends that X", "it is essential that X", "My position is that X", "es necesario que X".
_THAT = re.compile(cues.spell(
    r"^.*?\b(?:is|are|was|recommends?|recommended|suggests?|proposes?|urges?|believes?|"
    r"argues?|concludes?|essential|important|vital|necessary|crucial|clear|view|position|"
    r"es|recomienda|recomendamos|propone|proponemos|sugiere|necesario|importante|"
    r"fundamental|est|recommande|recommandons|proposons|nécessaire|essentiel)\s+"
    r"(?:that|que|qu')\s*|^.*?(?:,\s*)?\b(?:что|чтобы)\s+|^.*?\s(?:که|ки)\s+"),
    re.IGNORECASE)
# A clause before the subject: "Given …, ", "To …, ", "En base a …, ", "Для этого, ".
_OPENING = re.compile(cues.spell(
    r"^(?:given|to|in order to|in light of|in view of|considering|as|with|because|since|if|"
    r"while|although|despite|after|before|once|beyond|for|at|in|by|through|when|where|"
    r"at the same time|en|al|a|para|dado|con|según|ante|tras|por|pour|afin|avec|dans|à|au|"
    r"selon|face|compte|étant|в|для|с|учитывая|при|на|после|исходя|با|در|برای|بنابراین|"
    r"бо|дар|барои)\b"), re.IGNORECASE)
# "It is essential that …", "es necesario que …": the actor, if any, follows.
_IMPERSONAL = re.compile(r"(?:it|there|es|il)\s", re.IGNORECASE)
# Clauses joined in one sentence, and the verbs that show the first is a clause of its own.
_CLAUSE = re.compile(r",\s+(?:and|but|while|so|y|pero|et|mais|и|а|но)\s+|;\s+", re.IGNORECASE)
_FINITE = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|can|could|do|does|did|"
                     r"es|son|est|sont|ont)\b", re.IGNORECASE)
_PASSIVE = re.compile(r"^\s*(?:also\s+|further\s+|not\s+)?be\s+\w+(?:ed|en|wn|lt|nt)\b",
                      re.IGNORECASE)
# "… should be released by the regional governments before May": the agent's words up to
# punctuation or the next preposition or clause.
_AGENT = re.compile(
    r"\bby\s+(?P<agent>[^,.;:()]+?)(?=\s+(?:in|on|at|by|before|after|within|from|to|with|"
    r"for|until|through|during|so|as|when|if|while|which|who|that|every|each)\b|[,.;:()]|$)")
# Words that qualify the asking, not the actor: "urge donors urgently to".
_ADVERB = re.compile(r"\s+\S+(?:ly|mente|ment|но|ски)$", re.IGNORECASE)
# "urge donors to", "call on the Ministry to", "se recomienda a X, …", "recommandons au
# gouvernement de", "به دولت پیشنهاد", "Ба Вазорат тавсия", "ينبغي على X أن", "نوصي X بـ".
_ASKED = tuple(re.compile(cues.spell(pattern), re.IGNORECASE) for pattern in (
    r"\b(?:urge|urges|call on|calls on|call upon|calls upon|encourage|encourages|invite|"
    r"invites|ask|asks|advise|advises)\s+(?P<actor>[^,;:]+?)\s+to\s+\w",
    r"\brecomi?end\w*\s+(?:a|al)\s+(?P<actor>[^,;:]+?)(?:,|\s+que\b|\s+es\b|\s+\w+(?:ar|er|ir)\b)",
    r"\brecommand\w*\s+(?:à|au|aux)\s+(?P<actor>[^,;:]+?)\s+(?:de\s+|d')(?:ne\s+pas\s+)?"
    r"\w+(?:er|ir|re|oir)\b",
    r"\b(?:рекомендуется|рекомендуем|предлагается|предлагаем)\s+(?P<actor>[^,;:]+?)\s+"
    r"[а-я]+(?:ть|ти|чь)(?:ся)?\b",
    r"(?:^|\s)به\s+(?P<actor>[^,،;:]+?)\s+(?:پیشنهاد|توصیه)",
    r"^\s*ба\s+(?P<actor>[^,;:]+?)\s+(?:тавсия|пешниҳод|зарур|лозим)",
    r"(?:ینبغی|یجب|یتعین|یتوجب|لا ?بد)\s+(?:علی|لـ?)\s*(?P<actor>[^,،;:]+?)\s+(?:أن|ان)\b",
    r"^\s*علی\s+(?P<actor>[^,،;:]+?)\s+(?:أن|ان)\b",
    r"(?:نوصی|ندعو|نحث)\s+(?P<actor>[^,،;:]+?)\s+ب",
))
# "Donors to pledge early", "R&D Centres to develop …".
_TO_VERB = re.compile(r"^(?P<actor>[^,;:]{2,80}?)\s+to\s+(?P<verb>[a-z]+)\b")
_NOT_VERBS = words.word_set("the a an this that these those their its our all any each "
                            "every be")
_ACRONYM = re.compile(r"\b[A-Z][A-Z&]+\b")
_SUBORDINATE = re.compile(cues.spell(
    r"\b(?:if|because|when|while|whether|although|since|unless|si|cuando|porque|aunque|"
    r"lorsque|quand|parce|если|когда|потому|хотя)\b|(?:^|\s)(?:اگر|چون|وقتی|إذا|عندما)\s"),
    re.IGNORECASE)
# "be" this close after the name's first words makes the clause a passive.
_BE_WITHIN = 3
_BE = words.word_set("be sea sean soit soient")
_DETERMINERS = words.word_set("the a an all both each every national local el la los las "
                              "le les l' un une des du")
# "Sharing lessons could help" opens with an action, not an actor.
_GERUNDS = frozenset({verb + "ing" for verb in words.IMPERATIVES}
                     | {verb[:-1] + "ing" for verb in words.IMPERATIVES if verb.endswith("e")}
                     | {verb + verb[-1] + "ing" for verb in words.IMPERATIVES})
# A label does not end in these: "a collective right to: (a) …" is a sentence going on.
_OPEN_ENDED = words.word_set("to of that the a an and or for with by in on as is are")
_CONNECTORS = words.word_set("of and the for on in & de del y e et des du la le los las и")


def addressee(text: str) -> str:
    """The actor a recommendation asks to act, or "" when it names none.

    A run-in label ("For donors: …"), then the first sentence that asks: the one asked
    ("we urge donors to", "se recomienda a X", "ينبغي على X أن"), else the subject before
    its modal ("should", "debe", "следует", "باید"…), else an actor before "to" + verb. A
    passive ("channels should be reopened") names no actor unless a "by …" agent follows;
    an imperative ("Establish a committee") names none.
    """
    body = cues.NUMBERED_LABEL.sub("", cues.strip_marker(text), count=1).strip()
    actor, _ = run_in_actor(body)
    if actor:
        return actor
    for sentence in split_sentences(body):
        found = _sentence_actor(cues.spell(sentence), sentence)
        if found is not None:
            return found
    return ""


def run_in_actor(text: str) -> tuple[str, str]:
    """("Central Government", "Convene …") for "For Central Government: Convene …"; ("", text)
    when the text opens with no addressee label."""
    head, colon, rest = text.partition(":")
    if (not colon or not rest.strip() or len(head.split()) > 8
            or ("," in head and not _PREPOSITION.match(head)) or cues.opens_with_verb(head)
            or cues.asks(head) or head.split()[-1].casefold() in _OPEN_ENDED):
        return "", text
    actor = label_actor(head + ":")
    return (actor, rest.strip()) if actor else ("", text)


# "For donors", "Para el Ministerio", "Pour les bailleurs", "Для правительства",
# "برای دولت", "Барои Ҳукумат", "إلى الحكومة", with the article after it left out.
_PREPOSITION = re.compile(cues.spell(
    r"^\s*(?:for|to|para|pour|à|aux|для|барои|برای|به|إلى|الی)\s+"
    r"(?:the\s+|el\s+|la\s+|los\s+|las\s+|les\s+|le\s+|l')?(?=\S)"), re.IGNORECASE)
# The same word inside a heading, after the name of the recommendations.
_INNER_PREPOSITION = re.compile(cues.spell(
    r"\s(?:for|to|para|a|al|pour|à|aux|для|к|برای|به|إلى|барои|ба)\s+"
    r"(?:the\s+|el\s+|la\s+|los\s+|las\s+|les\s+|le\s+|l')?(?=\S)"), re.IGNORECASE)


def label_actor(label: str) -> str:
    """The actor a sub-heading or label addresses: "For donors", "Foreign ministries:",
    "Recommendations to the Government", "Call to action: for funders" name one;
    "Recommendations", "Short term:" and "Energy sector" do not."""
    title = strip_numbering(cues.strip_marker(label)).strip()
    colon = title.endswith((":", "："))
    title = title.rstrip(":： ").strip()
    spelled = cues.spell(title)
    if cues.names_recommendations(spelled):
        for inner in _INNER_PREPOSITION.finditer(spelled):
            if cues.names_recommendations(spelled[:inner.start()]):
                name = title[inner.end():]
                infinitive = inner.group(0).strip().casefold() == "to" and \
                    cues.opens_with_verb(name)  # "Recommendations to strengthen …"
                return "" if infinitive else _actor(name, strict=True)
        return ""
    prefix = _PREPOSITION.match(spelled)
    if prefix:
        return _actor(title[prefix.end():], strict=False)
    if colon:
        return _actor(title, strict=True)
    return ""


def _actor(name: str, *, strict: bool) -> str:
    """A label's words as an actor's name, "" when they name a time, a theme or (when
    `strict`) nothing that looks like an actor."""
    name = name.strip(" ,;:.")
    if cues.NOT_ACTOR.search(cues.spell(name)) or (strict and not _names_an_actor(name)):
        return ""
    return _tidy(name)


def names_actor(name: str) -> bool:
    """True when `name` reads as an actor: a word such as "ministry" or "donors", an
    acronym, or a name in capitals ("Sovereign Tech Agency")."""
    return bool(name) and _names_an_actor(name)


def _names_an_actor(name: str) -> bool:
    spelled = cues.spell(name)
    if cues.NOT_ACTOR.search(spelled):
        return False
    capitals = [w for w in name.split()[1:] if w[:1].isupper()]
    return (cues.ACTOR.search(spelled) is not None or _ACRONYM.search(name) is not None
            or len(capitals) >= 2)


def _sentence_actor(spelled: str, sentence: str) -> str | None:
    """The actor of one sentence, "" when it asks without naming one, None when it does
    not ask in a shape read here."""
    for pattern in _ASKED:
        asked = pattern.search(spelled)
        if asked:
            return _tidy(_ADVERB.sub("", sentence[asked.start("actor"):asked.end("actor")]))
    scripted = script_actor(spelled, sentence)
    if scripted is not None:
        return scripted
    impersonal = False
    for modal in _ANY_MODAL.finditer(spelled):
        if not _IMPERSONAL.match(modal.group(0)):
            return _modal_subject(sentence, modal)
        impersonal = True
    if impersonal or cues.asks(sentence):
        return _subjunctive_subject(sentence, spelled)
    return _to_verb_actor(sentence)


def _modal_subject(sentence: str, modal: re.Match[str]) -> str:
    if _PASSIVE.match(sentence[modal.end():]):
        agent = _AGENT.search(sentence, modal.end())
        return _tidy(agent["agent"]) if agent else ""
    subject = sentence[:modal.start()]
    that = _THAT.match(cues.spell(subject))
    if that:
        subject = subject[that.end():]
    subject = subject.strip(" ,;:")
    if _OPENING.match(cues.spell(subject)) and "," in subject:
        subject = subject.rsplit(",", 1)[1]
    clauses = _CLAUSE.split(subject)
    if len(clauses) > 1 and _FINITE.search(" ".join(clauses[:-1])):
        subject = clauses[-1]  # "The line has room, and operators should …"
    return _tidy(subject)


def _subjunctive_subject(sentence: str, spelled: str) -> str:
    """"We recommend that donors fund …" -> "Donors": the name's words up to the verb."""
    that = _THAT.match(spelled)
    if that is None:
        return ""
    tokens = sentence[that.end():].split()
    if not tokens or tokens[0].upper() == tokens[0].lower():
        return ""  # a script without capitals shows no end to the name
    taken = tokens[:1]
    if taken and taken[0].casefold() in _DETERMINERS and len(tokens) > 1:
        taken.append(tokens[1])
    for word in tokens[len(taken):]:
        if not (word[:1].isupper() or word.casefold() in _CONNECTORS):
            break
        taken.append(word)
    while taken and taken[-1].casefold() in _CONNECTORS:
        taken.pop()
    following = {word.casefold() for word in tokens[len(taken):len(taken) + _BE_WITHIN]}
    if following & _BE:
        return ""  # "that the depot be built", "that a fare formula be set": a passive
    return _tidy(" ".join(taken))


def _to_verb_actor(sentence: str) -> str | None:
    match = _TO_VERB.match(sentence.strip())
    if match is None or match["verb"] in _NOT_VERBS or match["verb"].endswith("ing"):
        return None
    actor = match["actor"]
    first = actor.split()[0].casefold()
    if first in words.IMPERATIVES or len(actor.split()) > 8 or not (
            cues.ACTOR.search(actor) or _ACRONYM.search(actor)):
        return None
    return _tidy(actor)


def _tidy(subject: str) -> str:
    """The subject as an actor's name with its first letter a capital, or "" for a
    pronoun, a clause, or nothing."""
    subject = " ".join(subject.split()).strip(" ,;:.-–—")
    parts = subject.split()
    if (not parts or len(_BRACKETED.sub("", subject).split()) > _MAX_WORDS
            or cues.spell(subject).casefold() in cues.PRONOUNS
            or _SUBORDINATE.search(cues.spell(subject)) or parts[0].casefold() in _GERUNDS
            or not any(c.isalpha() for c in subject)):
        return ""
    return subject[:1].upper() + subject[1:]
