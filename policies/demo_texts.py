"""Starter texts for the demo desk's policy pages and its demo author.

They describe no real organisation: each says plainly that it is the demo desk's
placeholder, to be replaced with the desk's own policy before going public.
"""

from policies.models import PageKind

NOTICE = (
    "This is the demo desk's placeholder text. It describes no real organisation: "
    "a desk running this software replaces it with its own policy, in the admin "
    "(Policies → Policy pages), before publishing."
)

PAGES = {
    PageKind.METHODOLOGY: (
        "How we check claims",
        [
            NOTICE,
            "A desk's methodology page says how it chooses claims to check, how it "
            "researches them, and who reviews the work before it is published.",
            "In this software, every published claim carries a verdict, a one-line "
            "verdict summary and at least one cited source, and a reviewer other than "
            "the person who checked the claim confirms who said it before the "
            "fact-check can be published. The sources are listed on each claim so "
            "that readers can repeat the check themselves.",
        ],
    ),
    PageKind.RATINGS: (
        "Our rating scale",
        [
            NOTICE,
            "The table below is generated from the verdicts the site publishes, so it "
            "always matches what the fact-check pages and their structured data say.",
        ],
    ),
    PageKind.CORRECTIONS: (
        "Corrections policy",
        [
            NOTICE,
            "A desk's corrections policy says how readers report an error, how fast "
            "the desk answers, and how changes are shown.",
            "In this software, every correction, clarification, update or retraction "
            "is shown, dated, on the fact-check page, and each fact-check has a "
            "public version history listing what changed in each published version. "
            "A retracted fact-check stays online with a notice at the top.",
        ],
    ),
    PageKind.OWNERSHIP_FUNDING: (
        "Ownership and funding",
        [
            NOTICE,
            "A desk's ownership and funding page names who owns it and every source "
            "of its money above a threshold it states. The demo desk has no owners "
            "and no funding: it exists only on this computer.",
        ],
    ),
    PageKind.FEEDBACK: (
        "Feedback and contact",
        [
            NOTICE,
            "A desk's feedback page says how readers reach it, how to report an "
            "error or suggest a claim to check, and when they can expect an answer. "
            "The demo desk has no address to write to.",
        ],
    ),
    PageKind.TEAM: (
        "Our team",
        [
            NOTICE,
            "Team members appear below once they are credited on a published "
            "fact-check and have written a profile.",
        ],
    ),
}

# The demo's seed author (articles.services.seed.SEED_AUTHOR), "Demo Editor".
DEMO_AUTHOR = {
    "username": "editor",
    "slug": "demo-editor",
    "role": "Demo account",
    "bio": (
        "Demo Editor is a demo account of this software, not a real person. A desk "
        "gives each of its fact-checkers a profile like this one, with a short "
        "biography, in the admin (Articles → Author profiles)."
    ),
}
