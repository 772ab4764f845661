"""The ``dateline_events`` component: events with types, arguments, modality, attribution and evidence.

Add it after ``dateline_actors`` (it reads places, actors, quantities, dates, quotes, attributions and
hedges from the ``Doc``)::

    nlp.add_pipe("dateline_events")
    doc._.dateline_events   # [Event dict] (docs/record.md)

One event per trigger (a verb or event noun of the ontology, :mod:`dateline.events.ontology`); triggers
of one violent happening in a sentence ("an attack ... that killed 150") are one event, and a definite
mention in a later sentence ("The attack was claimed by the TTP") joins the event it refers to, and
ACLED-coded events describing one incident (same place, compatible date and type) are merged into one
(:func:`dateline.events.incidents.merge_incidents`). Each
event dict has the record's fields plus ``geo_precision`` (ACLED's 1-3: 1 a town tied to the trigger,
coarser when the place is only in the sentence or paragraph), ``time_precision`` (1-3; the
publication date stands in with 2), ``fatalities_breakdown`` (the summed quantities), ``trigger``
(the word read, a Mention) and ``claimed_event`` (for a claim of responsibility: the claimed event).

Settings: ``ontology_path`` (an extra JSON file of event types, see the ontology module) and
``verbal_events`` (also emit PLOVER's verbal events: demands, threats, criticism; default true).

Without a parser (``spacy.blank("en")``) the component cannot read triggers or arguments: it sets
``doc._.dateline_events = []`` and leaves the ``Doc`` otherwise unchanged.
"""

from __future__ import annotations

import functools
import hashlib
import json
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from dateline.events.anchoring import anchor_events, paragraph_of, paragraph_starts
from dateline.events.arguments import DEATH_VERBS, ArgumentReader
from dateline.events.background import Background, later_interventions
from dateline.events.claims import claimed_refer_back, link_claim
from dateline.events.context import MentionIndex, trimmed_span
from dateline.events.coreference import resolve
from dateline.events.crowd_demands import crowd_demands_as_protests, riots_of_demonstrations
from dateline.events.draft import EventDraft
from dateline.events.gtd import GtdCoder
from dateline.events.incidents import IncidentRules, merge_incidents, uncode_context
from dateline.events.modality import EventModalityReader
from dateline.events.ontology import Ontology, word_set
from dateline.events.perpetrators import infer_perpetrators
from dateline.events.responsibility import ResponsibilityCues, ResponsibilityReader, named_parents
from dateline.events.triggers import Found, TriggerFinder
from dateline.events.victim_status import armed_victims_told_later
from dateline.nlp.component import PipelineComponent, Serializers, json_bytes
from dateline.nlp.doc_cache import children_of, text_of
from dateline.nlp.extensions import doc_attrs, get_list, register_extensions

register_extensions()

ONTOLOGY_FILE = "ontology.json"
_MERGE = {("violence", "violence"): 3, ("protest", "violence"): 2, ("violence", "protest"): 2}
MAX_ARCS = max(_MERGE.values())
_ARMED_VICTIM_KEYS = ("victim_nouns", "armed_words")
_LYNCHING = frozenset({"lynch", "lynched", "lynching", "vigilante", "vigilantes", "thief", "thieves"})


def _told_lemmas(sent: Span) -> set[str]:
    """The lemmas of a sentence and the next one ("Forces fired mortars at positions near X. Monitors
    recorded 23 explosions in both directions.")."""
    doc = sent.doc
    nxt = doc[sent.end].sent if sent.end < len(doc) else None
    return {t.lemma_.lower() for t in sent} | ({t.lemma_.lower() for t in nxt} if nxt is not None else set())


def _limit(fam_a: str, fam_b: str) -> int:
    """How many arcs apart two triggers of these families may be and still be one happening."""
    if fam_a == fam_b and fam_a in ("claim", "verbal", "statement"):
        return 0
    return _MERGE.get((fam_a, fam_b), 1 if fam_a == fam_b else 0)


@Language.factory(
    "dateline_events",
    default_config={"ontology_path": None, "verbal_events": True},
    assigns=doc_attrs("dateline_events"),
    requires=[
        *doc_attrs(
            "dateline_dateline",
            "dateline_quantities",
            "dateline_dates",
            "dateline_quotes",
            "dateline_attributions",
            "dateline_hedges",
            "dateline_places",
            "dateline_actors",
        ),
        "token.dep",  # without a parser it reads no event
    ],
)
def make_events(
    nlp: Language, name: str, ontology_path: str | None = None, verbal_events: bool = True
) -> EventExtractor:
    """Factory for :class:`EventExtractor` (``nlp.add_pipe("dateline_events")``)."""
    return EventExtractor(nlp, name, ontology_path=ontology_path, verbal_events=verbal_events)


#: Words that tell a toll added to the incident's ("Four police were also wounded").
_ADDITION_WORDS = frozenset({"also"})


class EventExtractor(PipelineComponent):
    """Reads events from a parsed ``Doc``; holds its :class:`~dateline.events.ontology.Ontology`."""

    def __init__(
        self,
        nlp: Language,
        name: str = "dateline_events",
        *,
        ontology_path: str | None = None,
        verbal_events: bool = True,
    ) -> None:
        self.name = name
        self.vocab = nlp.vocab
        self.verbal_events = verbal_events
        self.ontology_path = ontology_path
        self._ontology: Ontology | None = None
        self._finder: TriggerFinder | None = None
        self._incidents: IncidentRules | None = None
        self._background_reader: Background | None = None
        self._gtd: GtdCoder | None = None

    # The ontology is read on first use, so that spacy.load() of a saved pipeline restores it from the
    # pipeline's own directory (from_disk) without needing the original extra file.
    @property
    def ontology(self) -> Ontology:
        if self._ontology is None:
            self._set_ontology(Ontology.load([self.ontology_path] if self.ontology_path else []))
        assert self._ontology is not None
        return self._ontology

    @property
    def finder(self) -> TriggerFinder:
        if self._finder is None:
            self._finder = TriggerFinder(self.vocab, self.ontology, verbal=self.verbal_events)
        return self._finder

    @property
    def incidents(self) -> IncidentRules:
        """When two events of a document are one incident (the ontology's ``incident_merging``)."""
        if self._incidents is None:
            self._incidents = IncidentRules.from_dict(self.ontology.lexicon.get("incident_merging"))
        return self._incidents

    @property
    def _background(self) -> Background:
        """Which triggers tell another event's background (the incident rules' ``background`` words)."""
        if self._background_reader is None:
            self._background_reader = Background(self.incidents.background)
        return self._background_reader

    def _set_ontology(self, ontology: Ontology) -> None:
        self._ontology = ontology
        self._incidents = None
        self._background_reader = None
        self._finder = TriggerFinder(self.vocab, ontology, verbal=self.verbal_events)

    def add_types(self, extra: dict[str, Any]) -> None:
        """Extend the ontology with types, refinements or lexicon entries (same shape as the file)."""
        self._set_ontology(self.ontology.extended(extra))

    # --- spaCy protocol ----------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        if not (doc.has_annotation("DEP") and doc.has_annotation("POS")):
            doc._.dateline_events = []
            return doc
        doc._.dateline_events = self.read(doc)
        return doc

    def serializers(self) -> Serializers:
        return {ONTOLOGY_FILE: (self._dump, self._load)}

    def _dump(self) -> bytes:
        return json_bytes({"ontology": self.ontology.to_dict(), "verbal_events": self.verbal_events})

    def _load(self, data: bytes) -> None:
        loaded = json.loads(data.decode("utf-8"))
        self.verbal_events = bool(loaded.get("verbal_events", True))
        self._set_ontology(Ontology(loaded["ontology"]))

    # --- reading -----------------------------------------------------------------------------------

    def read(self, doc: Doc) -> list[dict[str, Any]]:
        """Event dicts of a parsed ``Doc``."""
        text = text_of(doc)
        dateline = doc._.dateline_dateline or {}
        excluded = [tuple(dateline.get("full_span") or dateline.get("span"))] if dateline.get("span") else []
        index = MentionIndex(doc, excluded_spans=excluded)  # type: ignore[arg-type]
        found = self.finder(doc, index)
        if not found:
            return []
        published = doc._.dateline_published
        args = ArgumentReader(self.ontology, index, published, self._background)
        modality = EventModalityReader(
            doc,
            index,
            get_list(doc, "dateline_hedges"),
            get_list(doc, "dateline_attributions"),
            get_list(doc, "dateline_quotes"),
            future_cues=self.ontology.words("future_date_cues"),
            published=published,
        )
        trigger_tokens = frozenset(t for f in found for t in f.tokens)
        casualty = self.ontology.mapping("casualty_verbs")
        harm = self.ontology.words("bodily_harm_verbs")
        casualty_nouns = frozenset(("fatality",))  # "2 fatalities.": a toll told on its own
        drafts: list[EventDraft] = []
        for group in self._groups(doc, found, index):
            draft = self._draft(doc, group, index)
            args.read(draft, trigger_tokens)
            if draft.generic and not draft.etype.verbal:
                continue
            draft.casualty_only = all(
                doc[i].lemma_.lower() in casualty or doc[i].lemma_.lower() in casualty_nouns
                for i in draft.tokens
            )
            draft.hurts = any(doc[i].pos_ == "VERB" and doc[i].lemma_.lower() in harm for i in draft.tokens)
            self._refine(draft)
            self._background.mark(doc, draft)
            draft.observed = self._background.observed(doc[draft.primary])
            draft.additional = bool(_ADDITION_WORDS & draft.context) and bool(
                draft.fatalities or draft.injured
            )
            drafts.append(draft)
        anaphors = self.incidents.background.get("anaphoric_nouns", frozenset())
        for draft in drafts:
            draft.anaphor = draft.definite and doc[draft.primary].lemma_.lower() in anaphors
        by_token = {i: d for d in drafts for i in d.tokens}
        claimed_refer_back(doc, drafts, by_token)
        kept, joined = resolve(
            drafts,
            lambda m, p: (  # a mention that tells more ("clashed with the demonstrators") stays for merging
                self.ontology.compatible(m.family, p.family, p.fields["type"])
                and not (
                    p.family == "protest"
                    and self.incidents.specificity(m.fields) < self.incidents.specificity(p.fields)
                )
            ),
            verbal=lambda d: d.etype.verbal or d.family in ("claim", "statement"),
            eligible=lambda d: (
                not d.backgrounded and not any(c.dep_ == "neg" for i in d.tokens for c in children_of(doc[i]))
            ),
            same=lambda a, b: a.fields["type"] == b.fields["type"],
        )
        cues = ResponsibilityCues.from_dict(self.ontology.lexicon.get("responsibility"))

        def is_violent(d: EventDraft) -> bool:  # an attack, carried out or foiled
            return (
                d.family == "violence"
                and not d.etype.verbal
                or d.etype.id in cues.foiled_event_types | cues.property_event_types
            )

        for draft in drafts:
            if draft.family == "claim":
                link_claim(doc, draft, by_token, joined, claimable=is_violent)
        responsibility = ResponsibilityReader(cues, index, args.actors_at, is_violent=is_violent)
        responsibility.read(kept, by_token, joined)
        paragraphs = paragraph_starts(text)

        def paragraph(draft: EventDraft) -> int:
            return paragraph_of(draft.sent.start_char, paragraphs)

        persons = frozenset(a["id"] for a in get_list(doc, "dateline_actors") if a.get("kind") == "person")
        anchor_events(kept, index, args, paragraphs)
        for draft in kept:
            modality.read(draft)
        kept, merged = merge_incidents(
            kept,
            self.incidents,
            coded=lambda d: (
                bool(d.fields.get("acled_event_type")) and not d.etype.verbal and not d.backgrounded
            ),
            distinct=lambda d: not d.casualty_only and self._announced_distinct(doc, d, index),
            paragraph=paragraph,
            victims=lambda d: persons.intersection(d.targets),
        )
        for draft in drafts:
            if draft.claimed is not None:
                draft.claimed = merged.get(id(draft.claimed), draft.claimed)
        parents = named_parents(get_list(doc, "dateline_actors"))
        for draft in kept:  # an incident merged from several mentions: its named perpetrators lead
            responsibility.hold_named(draft)
        infer_perpetrators(
            kept,
            get_list(doc, "dateline_actors"),
            paragraph_of=lambda offset: paragraph_of(offset, paragraphs),
            is_violent=lambda d: d.family == "violence" and not d.etype.verbal,
            stand_in=lambda actor: actor.startswith(cues.placeholder_prefixes),
            is_denial=lambda d: doc[d.primary].lemma_.lower() in cues.deny_verbs,
            hold=responsibility.hold,
            sentence_at=lambda offset: index.sentence(
                min(index.token_range(offset, offset + 1)[0], len(doc) - 1)
            ),
        )
        for draft in kept:
            if parents and draft.family == "violence":
                responsibility.add_parents(draft, parents)
        uncode_context(kept, self.incidents, paragraph)

        def paragraph_of_sentence(k: int) -> int:
            return paragraph_of(index.sents[k].start_char, paragraphs)

        words = self.incidents.background.get("intervention_words", frozenset())
        later_interventions(kept, index, paragraph_of_sentence, words)
        armed_victims = {
            k: word_set(self.ontology.lexicon.get("armed_victims"), k) for k in _ARMED_VICTIM_KEYS
        }
        clash = self.ontology.types["armed_clash"].fields()
        armed_victims_told_later(kept, index, paragraph_of_sentence, armed_victims, clash)
        protest = self.ontology.types["protest"].fields()
        riots_of_demonstrations(kept, paragraph, _LYNCHING, drafts)
        crowd_demands_as_protests(kept, paragraph, lambda d: d.etype.id == "demand", protest)
        return self._dicts(text, kept)

    def _announced_distinct(self, doc: Doc, draft: EventDraft, index: MentionIndex) -> bool:
        """Whether the trigger is announced as another incident ("a separate attack", "Separately, ...")."""
        cues = self.incidents.distinct_cues
        heads = [doc[i] for i in draft.tokens] + ([doc[draft.support]] if draft.support is not None else [])
        heads.append(index.root(draft.sent))
        return any(c.lemma_.lower() in cues or c.lower_ in cues for h in heads for c in children_of(h))

    def _groups(self, doc: Doc, found: list[Found], index: MentionIndex) -> list[list[Found]]:
        """Triggers of one happening in a sentence, joined (violence within 3 arcs, same family 1).

        Two triggers are within n arcs when they hang below a common ancestor at depths adding up
        to at most n; so each trigger is filed under its ancestors up to ``MAX_ARCS`` arcs above it,
        by (family, depth), and the files of one ancestor are joined a (family, depth) pair at a
        time: time linear in the triggers however many a sentence holds."""
        fam = {f.i: self.ontology.types[f.trigger.type_id].family for f in found}
        parent = {f.i: f.i for f in found}

        def root(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        below: dict[tuple[int, int], dict[tuple[str, int], list[int]]] = {}
        for f in found:
            if self._background.explains_told_event(doc[f.i]):
                continue  # "the attack came after troops killed ...": another happening, its background
            if (
                doc[f.i].pos_ == "NOUN"
                and doc[f.i].dep_ == "conj"
                and any(
                    c.dep_ in ("det", "amod") and c.lower_ in self.incidents.distinct_cues
                    for c in children_of(doc[f.i])
                )
            ):
                continue  # "the attack and another attack in Thessaloniki": two incidents, not one
            t, n, sent = doc[f.i], 0, index.sent_of[f.i]
            while True:
                below.setdefault((sent, t.i), {}).setdefault((fam[f.i], n), []).append(f.i)
                if n == MAX_ARCS or t.head.i == t.i:
                    break
                t, n = t.head, n + 1
        for files in below.values():
            keys = list(files)
            for k, (fam_a, depth_a) in enumerate(keys):
                for fam_b, depth_b in keys[k:]:
                    if depth_a + depth_b > _limit(fam_a, fam_b):
                        continue
                    members = files[(fam_a, depth_a)]
                    if (fam_b, depth_b) != (fam_a, depth_a):
                        members = members + files[(fam_b, depth_b)]
                    first = root(members[0])
                    for i in members[1:]:
                        if (r := root(i)) != first:
                            parent[r] = first
        groups: dict[int, list[Found]] = {}
        for f in found:
            groups.setdefault(root(f.i), []).append(f)
        return list(groups.values())

    def _draft(self, doc: Doc, group: list[Found], index: MentionIndex) -> EventDraft:
        types = self.ontology.types

        def rank(f: Found) -> tuple[int, int, int, int, int]:
            et = types[f.trigger.type_id]
            return (
                0 if et.family == "protest" else 1,
                -et.priority,
                1 if et.broad else 0,
                0 if doc[f.i].pos_ in ("NOUN", "PROPN") else 1,
                f.i,
            )

        ordered = sorted(group, key=rank)
        primary = ordered[0]
        sent = index.sentence(primary.i)
        draft = EventDraft(
            tokens=[f.i for f in ordered],
            etype=types[primary.trigger.type_id],
            overrides=dict(primary.trigger.overrides),
            sent=sent,
            plover_only=primary.trigger.plover_only,
            phrase=frozenset(t for f in group for t in f.tokens),
        )
        draft.fields = draft.etype.fields()
        draft.evidence = [(sent.start_char, sent.end_char)]
        return draft

    def _refine(self, draft: EventDraft) -> None:
        fields = draft.fields
        if draft.etype.refine:
            lemmas, sentence = draft.context, functools.cache(lambda: _told_lemmas(draft.sent))
            harmed = bool(draft.fatalities or draft.injured)
            # "300 people were injured": those hurt, not who acted ("injured by X", "killed a man" tell who)
            actors_told = not draft.casualty_only or bool(
                {c.dep_ for c in children_of(draft.sent.doc[draft.primary])} & {"agent", "dobj"}
            )
            for rule in self.ontology.refinements:
                if rule.family != draft.family or rule.only_types and fields["type"] not in rule.only_types:
                    continue
                if rule.if_lemma and not rule.if_lemma & lemmas or not rule.if_all_lemma <= lemmas:
                    continue
                if rule.unless_lemma & lemmas:
                    continue
                if rule.if_all_sentence_lemma and not rule.if_all_sentence_lemma <= sentence():
                    continue
                if rule.if_sentence_lemma and not rule.if_sentence_lemma & sentence():
                    continue
                if rule.if_agent and not rule.if_agent & draft.agents or rule.unless_agent & draft.agents:
                    continue
                if (rule.if_agent or rule.if_side) and not actors_told:
                    continue
                if rule.if_side and not rule.if_side & (draft.agents | draft.sides):
                    continue  # "a clash between two groups": a fight's sides are alike
                if (
                    rule.unless_victim & draft.victims
                    or rule.if_unharmed
                    and harmed
                    or rule.if_harmed
                    and not harmed
                ):
                    continue
                if rule.if_armed_target and not (  # ACLED: an attack on an armed side is a battle
                    draft.sent.doc[draft.primary].lemma_.lower() not in DEATH_VERBS  # "The officer died."
                    and "armed" in draft.victims
                    and "civilian" not in draft.victims
                    and ("civilian" not in draft.agents or "armed" in draft.agents)  # "armed men"
                ):
                    continue
                fields.update(rule.set)
                break
        if draft.etype.by_state_actor and "state" in draft.agents:
            fields.update(draft.etype.by_state_actor)
        fields.update(draft.overrides)
        if draft.plover_only:
            fields["acled_event_type"] = fields["acled_sub_event_type"] = None

    def _dicts(self, text: str, drafts: list[EventDraft]) -> list[dict[str, Any]]:
        key = hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
        ids = {id(d): f"{key}-e{n}" for n, d in enumerate(drafts, start=1)}
        if self._gtd is None:
            self._gtd = GtdCoder()
        gtd = self._gtd.reading(drafts)  # GTD's coding of the attacks (dateline.events.gtd)
        out = []
        for d in drafts:
            first = d.tokens[0]
            token = d.sent.doc[first]
            evidence = []
            for s, e in sorted(d.evidence):
                s2, e2 = trimmed_span(text, s, e)
                evidence.append({"text": text[s2:e2], "span": [s2, e2]})
            out.append(
                {
                    "id": ids[id(d)],
                    **d.fields,
                    "actors": list(d.actors),
                    "targets": list(d.targets),
                    "place": d.place.get("id") if d.place else None,
                    "origin": d.origin,
                    "destination": d.destination,
                    "date": d.date,
                    "fatalities": d.fatalities,
                    "injured": d.injured,
                    "size": d.size,
                    "modality": d.modality,
                    "attribution": d.attribution,
                    "evidence": evidence,
                    "geo_precision": d.geo_precision if d.place else None,
                    "time_precision": d.time_precision,
                    "fatalities_breakdown": d.breakdown,
                    "trigger": {"text": token.text, "span": [token.idx, token.idx + len(token)]},
                    "claimed_event": ids.get(id(d.claimed)) if d.claimed is not None else None,
                    "responsibility": list(d.responsibility),
                    **gtd.fields(d),
                }
            )
        return out
