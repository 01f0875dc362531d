"""Attribution cues: speech verbs, vague sources and the patterns around them.

Word lists and regular expressions the quote finder reads; written for this project.
"""

import re

SPEECH_VERBS = (
    "said|says|say|told|tells|added|adds|reported|reports|stated|states|announced|"
    "confirmed|warned|wrote|writes|explained|noted|argued|insisted|claimed|replied|"
    "asked|declared|acknowledged|admitted|revealed|stressed|cautioned|predicted|"
    "observed|commented|recalled|conceded|suggested|maintained|complained|urged|"
    "promised|vowed|continued|concluded|emphasised|emphasized|estimated|tweeted|"
    "posted|remarked|denied|denies|found|finds|showed|shows|indicated|indicates|announces|confirms|warns|notes|argues|insists|claims|believes|"
    "believe|think|thinks|agreed|agree|disagreed|countered|responded|boasted|"
    "predicts|estimates|quipped|testified|alleged|alleges|shouted|whispered|ruled|"
    "argue|contend|contends|allege|warn|insist"
)
VERB = (
    r"(?:(?:was|is|were|are) quoted (?:by (?:the )?[A-Z][\w\-]*(?: [A-Z][\w\-]*)* )?"
    rf"as saying|{SPEECH_VERBS})"
)
# "The Daily Standard quoted one aide as saying …": the aide is the speaker.
QUOTED_AS_SAYING = re.compile(
    r"\bquoted\s+((?:[\w’'\-]+\s+){1,6}?)as\s+saying\s+(?:that\s+)?"
)
VERB_RE = re.compile(rf"\b{VERB}\b")
DIRECT_VERB_RE = re.compile(
    rf"\b(?!(?:found|finds|showed|shows|indicated|indicates)\b){VERB}\b"
)
# Verbs after which "X <verb> <clause>" is reported speech even without "that".
BARE_CLAUSE_VERBS = {
    "said",
    "says",
    "say",
    "added",
    "adds",
    "told",
    "tells",
    "warned",
    "insisted",
    "argued",
    "claimed",
    "estimated",
    "predicted",
    "believes",
    "believe",
    "think",
    "thinks",
    "wrote",
    "writes",
}
PRONOUNS_PERSON = {"he", "she", "him", "her"}
PRONOUNS_OTHER = {"it", "they", "we"}
VAGUE_HEADS = {
    "experts",
    "expert",
    "sources",
    "source",
    "officials",
    "official",
    "analysts",
    "analyst",
    "police",
    "observers",
    "critics",
    "residents",
    "witnesses",
    "insiders",
    "diplomats",
    "economists",
    "scientists",
    "researchers",
    "authorities",
    "people",
    "campaigners",
    "activists",
    "doctors",
    "lawyers",
    "investigators",
    "reports",
    "media",
    "aides",
    "some",
    "many",
    "others",
    "studies",
    "traders",
    "investors",
    "person",
    "aide",
    "diplomat",
    "witness",
    "resident",
    "economist",
    "scientist",
    "researcher",
    "insider",
    "officer",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "reporters",
    "journalists",
    "negotiators",
}
DESCRIPTOR_PUBLICATION = {
    "newspaper",
    "paper",
    "daily",
    "broadcaster",
    "outlet",
    "publication",
    "magazine",
    "channel",
}
SPEAKER_PREFIX = re.compile(
    r"^(?:(?:a|an|the)\s+)?(?:\w+\s+)?(?:statement|report|spokesperson|spokesman|"
    r"spokeswoman|representative|press release|data|figures|survey|study|estimate|"
    r"paper|research|poll|review|audit|inquiry|investigation|"
    r"estimates|analysis|letter|filing|note|post|announcement)s?\s+"
    r"(?:\w+\s+)?(?:by|from|for|of|at|in)\s+",
    re.IGNORECASE,
)
LEAD_ADVERBIAL = re.compile(
    r"^(?:(?:Meanwhile|However|Separately|Later|Earlier|Still|Yet|But|And|Also|"
    r"Instead|Today|Yesterday|On \w+(?: \w+)?|In \w+(?: \w+)?|At \w+(?: \w+)?|"
    r"(?:Early|Late|Later|Earlier)(?: (?:on|in|this|last|that))? \w+(?: \w+)?)"
    r"\s*,\s*)",
)
# "Writing for the panel, Judge X said …", "Speaking to reporters, X said …": a
# participial phrase before the subject, not part of it.
LEAD_PARTICIPLE = re.compile(
    r"[A-Z][a-z]+ing\s+(?:for|to|on|about|at|in|from|with|after|before|during|"
    r"outside|inside|the|a|an|his|her|their|its)\b[^,“”\"]{0,120},\s+(?=[A-Z])"
)
SENT_END = re.compile(
    r"(?<!\b(?:Mr|Ms|Dr|St|Lt|Sr|Jr))(?<!\b(?:Mrs|Sen|Gov|Rep|Gen|Col|Sgt|Adm|Maj|Rev))"
    r"(?<!\b(?:Capt|Prof|Supt|Cmdr))(?<!\b[A-Z])[.!?](?=[\s”’\"»]|$)"
)
NOT_A_CLAUSE = re.compile(
    r"(?:to|of|about(?!\s+\d)|with|for|from|on|at|by|into|not to|outside|inside|"
    r"near|during|whether|if)\b|"
    r"(?:Asked|Speaking|Responding|Commenting|Interviewed|Writing|Addressing|"
    r"Pressed|Questioned)\b"
)
ORG_DESCRIPTORS = {
    "agency",
    "company",
    "carmaker",
    "automaker",
    "firm",
    "group",
    "ministry",
    "organisation",
    "organization",
    "council",
    "operator",
    "charity",
    "bank",
    "government",
    "department",
    "commission",
    "authority",
    "airline",
    "union",
    "party",
    "club",
    "court",
    "regulator",
    "lender",
    "insurer",
    "retailer",
    "manufacturer",
    "developer",
    "startup",
    "body",
    "board",
    "office",
    "institute",
    "university",
    "campaign",
    "team",
    "fund",
    "watchdog",
    "utility",
    "provider",
    "network",
    "broadcaster",
    "newspaper",
    "paper",
}
FOLLOW_ON = re.compile(
    r",\s+(saying|adding|warning|arguing|insisting|noting|explaining)\s+(?:that\s+)?"
)
LEAD_ADJUNCT = re.compile(
    r"\s+(?:on|late|early|last|this)\s+(?:[A-Z]\w+|week|month|year|night|morning|"
    r"afternoon|evening)\b(?:\s+(?:morning|night|evening|afternoon))?\s*,?"
    r"|\s+(?:on|in|late|early|last)\s+\w+(?:\s+\w+)?\s*,"
)
MIN_DIRECT_WORDS = 3
MIN_CLAUSE_WORDS = 3
