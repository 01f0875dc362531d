"""The editorial record of the seed article, built from the desk research in FACTS.md.

Spans are given as text (plus the occurrence when the text repeats), never as offsets:
the loader (``articles.services.seed``) anchors them in the body. Entity mentions are
not listed at all: the loader finds every name and alias of the entities below.
Citations use only the addresses FACTS.md lists, plus the three pages in
``VERIFIED_ADDRESSES`` that were found and read for facts FACTS.md gives no address for.
"""

import datetime
from pathlib import Path

from articles.models.choices import CitationStance, Verdict
from entities.models import EntityKind

SEED_DIR = Path(__file__).resolve().parent / "fixtures" / "seed"
ARTICLE_FILE = SEED_DIR / "000_c55304a338bbe714.txt"
FACTS_FILE = SEED_DIR / "FACTS.md"

PUBLICATION_SLUG = "the-times-of-india"

ARTICLE = {
    "headline": (
        "China for first time to send foreign national, Pakistani astronaut, "
        "to its space station"
    ),
    "original_url": (
        "https://delhinewsdaily.com/china-for-first-time-to-send-foreign-national-"
        "pakistani-astronaut-to-its-space-station-the-times-of-india-delhi-news-daily"
    ),
    "published_on": datetime.date(2025, 2, 28),
    "language": "en",
}

# (slug, name, kind, aliases, Wikidata id or "", description)
# Wikidata ids are given only where they are certain; the rest stay empty.
ENTITIES = [
    (
        "shehbaz-sharif",
        "Shehbaz Sharif",
        EntityKind.PERSON,
        [],
        "",
        "Prime Minister of Pakistan.",
    ),
    (
        "china-manned-space-agency",
        "China Manned Space Agency",
        EntityKind.ORGANIZATION,
        ["CMSA"],
        "",
        "The Chinese agency that runs crewed spaceflight and the Tiangong station.",
    ),
    (
        "suparco",
        "Space and Upper Atmosphere Research Commission",
        EntityKind.ORGANIZATION,
        ["SUPARCO"],
        "",
        "Pakistan's national space agency.",
    ),
    (
        "global-times",
        "Global Times",
        EntityKind.PUBLICATION,
        [],
        "",
        "Chinese state-owned daily newspaper.",
    ),
    (
        "press-trust-of-india",
        "Press Trust of India",
        EntityKind.PUBLICATION,
        ["PTI"],
        "",
        "Indian news agency.",
    ),
    (
        PUBLICATION_SLUG,
        "The Times of India",
        EntityKind.PUBLICATION,
        ["Times of India"],
        "",
        "Indian English-language daily newspaper.",
    ),
    ("china", "China", EntityKind.PLACE, [], "Q148", "Country in East Asia."),
    ("pakistan", "Pakistan", EntityKind.PLACE, [], "Q843", "Country in South Asia."),
    ("islamabad", "Islamabad", EntityKind.PLACE, [], "", "Capital of Pakistan."),
    ("beijing", "Beijing", EntityKind.PLACE, [], "Q956", "Capital of China."),
    (
        "united-states",
        "United States",
        EntityKind.PLACE,
        ["US"],
        "Q30",
        "Country in North America.",
    ),
    ("moon", "Moon", EntityKind.PLACE, [], "Q405", "Earth's natural satellite."),
    (
        "tiangong",
        "Tiangong",
        EntityKind.OBJECT,
        ["Tiangong space station"],
        "",
        "China's crewed space station in low Earth orbit.",
    ),
    (
        "international-space-station",
        "International Space Station",
        EntityKind.OBJECT,
        ["ISS"],
        "Q25271",
        "Crewed space station run by the US, Russia, Europe, Japan and Canada.",
    ),
    (
        "badr-1",
        "Badr-1",
        EntityKind.OBJECT,
        ["Badr-A"],
        "",
        "Pakistan's first satellite, launched by China in 1990.",
    ),
    (
        "long-march-2e",
        "Long March 2E",
        EntityKind.OBJECT,
        [],
        "",
        "Chinese launch vehicle.",
    ),
    (
        "change-6",
        "Chang'e-6",
        EntityKind.OBJECT,
        ["Chang’e-6"],
        "",
        "Chinese lunar sample-return probe launched in May 2024.",
    ),
    (
        "icube-q",
        "ICUBE-Q",
        EntityKind.OBJECT,
        ["iCube Qamar"],
        "",
        "Pakistan's lunar CubeSat, flown with Chang'e-6 in 2024.",
    ),
]

# Mentions that no registry name finds: the article calls ICUBE-Q "Pakistan's CubeSat".
# "CubeSat" is a class of satellite, not a name, so it is tagged here for this article
# only instead of becoming an alias that would tag every CubeSat in every article.
# (text, occurrence, entity slug)
EXTRA_MENTIONS = [("CubeSat", 1, "icube-q")]

# Quotes and attributions. ``text`` is the span of what is said.
QUOTES = [
    {
        "text": (
            "both nations will collaborate on selecting and training Pakistani "
            "astronauts, with the chosen candidate expected to join Chinese taikonauts "
            "for a short-term mission in the coming years"
        ),
        "speaker": "china-manned-space-agency",
        "speaker_text": "CMSA",
        "cue": "According to",
        "cue_occurrence": 1,
        "kind": "indirect",
        "is_vague": False,
    },
    {
        "text": (
            "This signifies a major step in China’s international space cooperation"
        ),
        "speaker": "global-times",
        "speaker_text": "Global Times",
        "cue": "reported",
        "cue_occurrence": 1,
        "kind": "direct",
        "is_vague": False,
    },
    {
        "text": (
            "the agreement further solidifies China’s support for Pakistan’s space "
            "ambitions, following previous collaborations such as the launch of "
            "Pakistani satellites"
        ),
        "speaker": "press-trust-of-india",
        "speaker_text": "the news agency PTI",
        "cue": "As per",
        "cue_occurrence": 1,
        "kind": "indirect",
        "is_vague": False,
    },
    {
        "text": (
            "the selection of the astronaut is expected to take around a year, after "
            "which the candidate will undergo intensive training in China"
        ),
        "speaker": "global-times",
        "speaker_text": "Global Times",
        "cue": "According to",
        "cue_occurrence": 2,
        "kind": "indirect",
        "is_vague": False,
    },
    {
        "text": (
            "demonstrates the reliability of China’s manned space technology and its "
            "willingness to lower barriers for developing countries to participate in "
            "space exploration"
        ),
        "speaker": None,
        "speaker_text": "experts",
        "cue": "experts say",
        "cue_occurrence": 1,
        "kind": "indirect",
        "is_vague": True,
    },
]

# Citation sources, keyed for reuse. Titles FACTS.md does not give are descriptive and
# say so by naming the page's subject rather than pretending to be its headline.
SOURCES = {
    "arabnews": {
        "url": "https://www.arabnews.pk/node/2591946",
        "title": "Arab News Pakistan report on the China–Pakistan astronaut agreement",
        "publisher": "Arab News Pakistan",
        "published_on": datetime.date(2025, 2, 28),
    },
    "islamabadscene": {
        "url": (
            "https://www.islamabadscene.com/china-to-train-and-send-first-ever-"
            "pakistani-astronaut-to-tiangong-space-station/"
        ),
        "title": (
            "China to train and send first-ever Pakistani astronaut to Tiangong "
            "space station"
        ),
        "publisher": "Islamabad Scene",
        "published_on": None,
    },
    "devdiscourse": {
        "url": (
            "https://www.devdiscourse.com/article/science-environment/3281472-"
            "china-pakistan-space-collaboration-the-tiangong-mission"
        ),
        "title": "China-Pakistan space collaboration: the Tiangong mission",
        "publisher": "Devdiscourse",
        "published_on": datetime.date(2025, 2, 28),
    },
    "wikisum-badr": {
        "url": "https://wikisum.wiki/wiki/Badr-1",
        "title": "Badr-1",
        "publisher": "WikiSum",
        "published_on": None,
    },
    "peoples-daily": {
        "url": "http://en.people.cn/90786/7567529.html",
        "title": "People's Daily report on Pakistan's satellites launched by China",
        "publisher": "People's Daily",
        "published_on": datetime.date(2011, 8, 12),
        "excerpt": (
            "Pakistan's first low-orbit satellite, BADR-A, was launched by China in "
            "1990 with Long March 2E rocket"
        ),
    },
    "dailypakistan": {
        "url": (
            "https://en.dailypakistan.com.pk/03-May-2024/"
            "pakistan-s-first-lunar-mission-icube-qamar-launched"
        ),
        "title": "Pakistan's first lunar mission iCube Qamar launched",
        "publisher": "Daily Pakistan",
        "published_on": datetime.date(2024, 5, 3),
    },
    "artemis-delay": {
        "url": (
            "https://internationalnews.co.in/news/nasa-has-postponed-its-moon-"
            "missions-with-artemis-ii-now-rescheduled-for-april-2026-and-artemis-"
            "iii-delayed-to-mid-2027-find-the-details-here-10735"
        ),
        "title": (
            "NASA has postponed its Moon missions, with Artemis II now rescheduled for "
            "April 2026 and Artemis III delayed to mid-2027"
        ),
        "publisher": "International News",
        "published_on": None,
    },
    # Not in FACTS.md: found and read through the project's page search (Nov 2026).
    "cmse-tianhe": {
        "url": "http://en.cmse.gov.cn/missions/CMTH",
        "title": "Core Module Tianhe mission page",
        "publisher": "China Manned Space Engineering Office",
        "published_on": None,
    },
    "go-taikonauts-tianhe": {
        "url": "http://www.go-taikonauts.com/en/chinese-space-news/3448-tianhe-is-in-orbit",
        "title": "Tianhe is in orbit",
        "publisher": "Go Taikonauts!",
        "published_on": datetime.date(2021, 4, 29),
    },
    "wolf-amendment": {
        "url": "https://en.wikipedia.org/wiki/Wolf_Amendment",
        "title": "Wolf Amendment",
        "publisher": "Wikipedia",
        "published_on": None,
    },
    "cctv-moon-2030": {
        "url": (
            "https://english.cctv.com/2024/10/30/VIDEij18pr2yIYKeZG7GuBqx241030.shtml"
        ),
        "title": "CCTV report on China's plan to land astronauts on the Moon by 2030",
        "publisher": "CCTV",
        "published_on": datetime.date(2024, 10, 30),
    },
}

# Addresses cited that FACTS.md does not list (facts 3, 4 and 8 give none), each found
# and read through the project's page search before being cited.
VERIFIED_ADDRESSES = frozenset(
    SOURCES[key]["url"]
    for key in (
        "cmse-tianhe",
        "go-taikonauts-tianhe",
        "wolf-amendment",
        "cctv-moon-2030",
    )
)

SUPPORTS, REFUTES, CONTEXT = (
    CitationStance.SUPPORTS,
    CitationStance.REFUTES,
    CitationStance.CONTEXT,
)

# One claim per checkable statement, in the order the fact-check presents them.
# ``claimant`` None means the article's publication, The Times of India.
CLAIMS = [
    {
        "statement": (
            "China has signed an agreement with Pakistan to send a Pakistani "
            "astronaut to its space station, Tiangong."
        ),
        "text": (
            "China has signed an agreement with Pakistan to send a Pakistani "
            "astronaut to its space station, Tiangong"
        ),
        "claimant": None,
        "verdict": Verdict.TRUE,
        "verdict_summary": (
            "China's crewed space agency and Pakistan's space agency signed the "
            "agreement on 28 February 2025."
        ),
        "analysis": (
            "Several reports of the signing agree that the agreement commits China to "
            "select, train and fly a Pakistani astronaut to Tiangong. Under it the "
            "Pakistani will train as a scientific payload specialist. The agreement "
            "was signed on Friday 28 February 2025."
        ),
        "recheck_on": None,
        "citations": [
            ("arabnews", SUPPORTS),
            ("islamabadscene", SUPPORTS),
            ("devdiscourse", SUPPORTS),
        ],
    },
    {
        "statement": "A Pakistani will be the first foreign national aboard Tiangong.",
        "text": "marking the first time a foreign national will be aboard the facility",
        "claimant": None,
        "verdict": Verdict.MOSTLY_TRUE,
        "verdict_summary": (
            "No foreigner had flown to Tiangong when the deal was signed, but the "
            "flight is a plan, not yet an event."
        ),
        "analysis": (
            "The reports of the signing describe the Pakistani as the first foreign "
            "astronaut to fly to China's station, and none had visited it by "
            "February 2025. The article states as settled something that can only "
            "happen later: selection, training and a mission slot all lie ahead. "
            "Whether a foreign national has flown to Tiangong since is not verified "
            "here, so the claim is due for a re-check."
        ),
        "recheck_on": datetime.date(2026, 3, 1),
        "citations": [("arabnews", SUPPORTS), ("islamabadscene", SUPPORTS)],
    },
    {
        "statement": (
            "The deal was signed at a ceremony in Islamabad on Friday between the "
            "China Manned Space Agency and Pakistan's SUPARCO."
        ),
        "text": (
            "The deal was signed in a ceremony held in Islamabad on Friday, between "
            "the China Manned Space Agency (CMSA) and Pakistan’s Space and Upper "
            "Atmosphere Research Commission (SUPARCO)"
        ),
        "claimant": None,
        "verdict": Verdict.TRUE,
        "verdict_summary": (
            "Signed on Friday 28 February 2025 at the Prime Minister's Office in "
            "Islamabad by CMSA and SUPARCO."
        ),
        "analysis": (
            "The signatories were the China Manned Space Agency, through its "
            "Engineering Office, and Pakistan's Space and Upper Atmosphere Research "
            "Commission. The ceremony took place at the Prime Minister's Office in "
            "Islamabad on Friday 28 February 2025, as the article says."
        ),
        "recheck_on": None,
        "citations": [("arabnews", SUPPORTS), ("devdiscourse", SUPPORTS)],
    },
    {
        "statement": "Prime Minister Shehbaz Sharif attended the signing ceremony.",
        "text": (
            "Pakistani Prime Minister Shehbaz Sharif was alos present during the "
            "ceremony"
        ),
        "claimant": None,
        "verdict": Verdict.TRUE,
        "verdict_summary": "The Prime Minister attended the signing in his own office.",
        "analysis": (
            "Reports of the ceremony place Prime Minister Shehbaz Sharif at the "
            "signing, which was held at his office. The article's sentence carries a "
            'typing error ("alos" for "also") that does not change its meaning.'
        ),
        "recheck_on": None,
        "citations": [("arabnews", SUPPORTS)],
    },
    {
        "statement": (
            "China's space station had been operational for nearly four years "
            "in February 2025."
        ),
        "text": (
            "China’s space station, which has been operational for nearly four years"
        ),
        "claimant": None,
        "verdict": Verdict.TRUE,
        "verdict_summary": (
            "Its first module, Tianhe, was launched on 29 April 2021: three years and "
            "ten months before the article."
        ),
        "analysis": (
            "Tiangong's core module Tianhe was launched from Wenchang on 29 April "
            "2021, as the China Manned Space Engineering Office's mission page and "
            "contemporary reports record. "
            "On 28 February 2025 the station had been in orbit for three years and "
            "ten months, which is fairly described as nearly four years. The figure "
            "holds for the article's date only."
        ),
        "recheck_on": None,
        "citations": [
            ("cmse-tianhe", SUPPORTS),
            ("go-taikonauts-tianhe", SUPPORTS),
        ],
    },
    {
        "statement": (
            "China built its own station after being excluded from the International "
            "Space Station over its military's role in its space programme."
        ),
        "text": (
            "was built after the country was reportedly excluded from the "
            "International Space Station (ISS) due to concerns over the involvement "
            "of China’s military in its space programme"
        ),
        "claimant": None,
        "verdict": Verdict.MIXED,
        "verdict_summary": (
            "China was never an ISS partner; a 2011 US law, not an ISS decision, "
            "bars NASA from working with China."
        ),
        "analysis": (
            "China was never one of the partners of the International Space Station, "
            "so it was not excluded from something it belonged to. What keeps China "
            "out is US law: since 2011 the Wolf Amendment, added to NASA's "
            "appropriations every year, forbids NASA bilateral cooperation with China "
            "without approval from Congress, a measure driven by security concerns. "
            'The article\'s "reportedly" signals the uncertainty but leaves the '
            "reader with a simpler story than the record supports."
        ),
        "recheck_on": None,
        "citations": [("wolf-amendment", CONTEXT)],
    },
    {
        "statement": (
            "Badr-1, Pakistan's first digital communications satellite, was launched "
            "on a Chinese Long March 2E rocket in 1990."
        ),
        "text": (
            "Pakistan’s first digital communications satellite, Badr-1, was launched "
            "aboard a Chinese Long March 2E rocket in 1990"
        ),
        "claimant": None,
        "verdict": Verdict.TRUE,
        "verdict_summary": (
            "Badr-1 (also called Badr-A) was launched by a Long March 2E from Xichang "
            "on 16 July 1990."
        ),
        "analysis": (
            "Badr-1, also known as Badr-A, was Pakistan's first satellite. It went up "
            "on 16 July 1990 aboard a Chinese Long March 2E from the Xichang launch "
            "centre. People's Daily calls it Pakistan's first low-orbit satellite; "
            "other summaries describe it as the first digital communications "
            "satellite, as the article does."
        ),
        "recheck_on": None,
        "citations": [("wikisum-badr", SUPPORTS), ("peoples-daily", SUPPORTS)],
    },
    {
        "statement": (
            "Earlier this year (2025), Pakistan's CubeSat went to the Moon with "
            "China's Chang'e-6 probe."
        ),
        "text": (
            "earlier this year, Pakistan’s CubeSat accompanied China’s Chang’e-6 probe "
            "to the Moon"
        ),
        "claimant": None,
        "verdict": Verdict.MOSTLY_TRUE,
        "verdict_summary": (
            "ICUBE-Q did fly with Chang'e-6, but on 3 May 2024, not \"earlier this "
            'year".'
        ),
        "analysis": (
            "Pakistan's ICUBE-Q CubeSat, built by the Institute of Space Technology "
            "with Shanghai Jiao Tong University and SUPARCO, was launched with "
            "Chang'e-6 from Hainan on 3 May 2024. The article appeared in late "
            'February 2025, so "earlier this year" puts the mission in the wrong '
            "year. The event is right; its date reference is wrong."
        ),
        "recheck_on": None,
        "citations": [("dailypakistan", SUPPORTS), ("arabnews", CONTEXT)],
    },
    {
        "statement": (
            "The US plans to return astronauts to the lunar surface by 2025."
        ),
        "text": ("the US has its sights set on returning to the lunar surface by 2025"),
        "claimant": None,
        "verdict": Verdict.OUTDATED,
        "verdict_summary": (
            "NASA moved the landing, Artemis III, to mid-2027 in December 2024, "
            "before the article appeared."
        ),
        "analysis": (
            "A 2025 landing was NASA's earlier target. On 5 December 2024 NASA "
            "delayed Artemis II to April 2026 and Artemis III, the mission meant to "
            "land astronauts, to mid-2027. The article's date was already out of date "
            "when it was published at the end of February 2025."
        ),
        "recheck_on": datetime.date(2027, 7, 1),
        "citations": [("artemis-delay", REFUTES)],
    },
    {
        "statement": "China plans to land astronauts on the Moon before 2030.",
        "text": "plans to land astronauts on the Moon before 2030",
        "claimant": None,
        "verdict": Verdict.TRUE,
        "verdict_summary": (
            "A crewed landing before 2030 is the stated goal of China's crewed "
            "space programme."
        ),
        "analysis": (
            "The China Manned Space Agency has stated a crewed lunar landing before "
            "2030 as its goal and said in October 2024 that development was pressing "
            "ahead. "
            "The claim describes a plan, which is accurately reported; whether the "
            "landing happens is a question for 2030."
        ),
        "recheck_on": datetime.date(2030, 1, 1),
        "citations": [("cctv-moon-2030", SUPPORTS)],
    },
    {
        "statement": (
            "Global Times reported that selecting the Pakistani astronaut is expected "
            "to take around a year."
        ),
        "text": ("the selection of the astronaut is expected to take around a year"),
        "claimant": "global-times",
        "verdict": Verdict.UNVERIFIABLE,
        "verdict_summary": (
            "The Global Times text the article relies on could not be found."
        ),
        "analysis": (
            "The article credits the one-year selection estimate to Global Times. The "
            "original Global Times report was not found, so neither the attribution "
            "nor the estimate could be checked against it. The cited report on the "
            "agreement is given as context only; it does not confirm the Global Times "
            "wording."
        ),
        "recheck_on": datetime.date(2026, 3, 1),
        "citations": [("devdiscourse", CONTEXT)],
    },
]

FACT_CHECK = {
    "slug": "china-to-fly-pakistani-astronaut-to-tiangong",
    "title": "China to fly a Pakistani astronaut to Tiangong: what holds up",
    "summary": (
        "The core of the story is right: on 28 February 2025 China's crewed space "
        "agency and Pakistan's SUPARCO signed an agreement in Islamabad, with Prime "
        "Minister Shehbaz Sharif present, to train and fly a Pakistani astronaut to "
        "Tiangong, the first foreigner planned for the station. Two dates are off. "
        "Pakistan's CubeSat flew with Chang'e-6 in May 2024, not \"earlier this "
        'year", and NASA had already moved its crewed lunar landing from 2025 to '
        "mid-2027. The account of China's exclusion from the ISS needs context: a US "
        "law bars NASA from working with China, and China was never an ISS partner. "
        "The Global Times and PTI attributions could not be traced to their originals."
    ),
}
