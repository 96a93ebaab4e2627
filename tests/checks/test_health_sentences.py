"""Unseen sentences on other topics, in other words: each health rule fires on the problem and
stays quiet on a correct version, including writers' own paraphrases of each note."""

from __future__ import annotations

import pytest

THIN_HELP = "\n\n## Getting help\n\nAsk your GP about it."

FIRE = [
    # ice and cold
    ("ice-safety-note", "For gout in the big toe, rest the foot and press a freezer pack on it."),
    ("ice-safety-note", "After a tooth is pulled, hold something frozen against your cheek."),
    ("ice-safety-note", "## Bruised shin\n\nChill the bruise with an ice pack for an hour."),
    # heat
    ("heat-safety-note", "Sore jaw from grinding your teeth? Hold a warm compress on it at night."),
    ("heat-safety-note", "- Keep a heating pad on your tummy during a flare-up of IBS cramps"),
    # painkillers
    ("painkiller-safety-note", "For toothache, aspirin works better than anything else."),
    ("painkiller-safety-note", "Hangover? Take two Panadol with a pint of water."),
    ("painkiller-safety-note", "Rub an anti-inflammatory gel into the sore Achilles twice a day."),
    # supplements
    ("supplement-safety-note", "Cod liver oil every morning keeps stiff joints moving."),
    ("supplement-safety-note", "If you feel low in winter, melatonin can reset your sleep."),
    ("supplement-safety-note", "Zinc tablets may shorten a cold."),
    # exercising in pain, pushing through
    ("exercise-pain-note", "Shin splints are no reason to miss a session; jog on them gently."),
    ("exercise-pain-note", "Keep up the wrist curls even though your forearm aches."),
    ("push-through-pain", "Bunion pain or not, keep dancing even when it hurts."),
    ("push-through-pain", "Real climbers play through the pain."),
    ("push-through-pain", "Don't let a little pain stop you from finishing the hike."),
    # red flags
    # (with a help section that names no warning sign: a post with none at all is reported by
    # when-to-see-a-doctor, which red-flags-note yields to)
    ("red-flags-note", "Rheumatoid arthritis flares come and go. Rest on bad days." + THIN_HELP),
    ("red-flags-note", "A nagging ache in the heel usually means tight calves." + THIN_HELP),
    ("red-flags-note", "If the wrist pain is not going away, try a new mouse." + THIN_HELP),
    ("when-to-see-a-doctor", "Rheumatoid arthritis flares come and go. Rest on bad days."),
    # claims
    ("uncited-claim", "Scientists say that cold showers boost your immune system."),
    ("uncited-claim", "Nearly 4 out of 5 office workers get neck pain."),
    ("uncited-claim", "Foam rolling speeds up recovery by 40%."),
    ("uncited-claim", "According to experts, flat feet cause knee pain."),
    ("absolute-claim", "This cream will get rid of your eczema for good."),
    ("absolute-claim", "A totally safe way to lose weight fast."),
    ("absolute-claim", "Magnesium: the miracle mineral for cramps."),
    # a cause or a benefit stated as fact, with no source
    ("uncited-claim", "Tight hamstrings are the real cause of most lower back trouble."),
    ("uncited-claim", "Pilates strengthens posture and prevents neck pain at the desk."),
    ("uncited-claim", "Drinking green tea every day boosts circulation in the legs."),
    ("uncited-claim", "Good arch support means fewer injuries for new walkers."),
    ("uncited-claim", "A weak ankle puts extra strain on the knee with every step."),
]

PASS = [
    # writers' own paraphrases of each note
    # the NHS way: the pack wrapped is the note, with or without a time limit
    ("ice-safety-note", "## Bruised shin\n\nChill the bruise with an ice pack in a tea towel."),
    (
        "ice-safety-note",
        "Press a freezer pack on the toe for 10 to 15 minutes. Keep a cloth between the "
        "pack and your skin so it cannot freeze it.",
    ),
    (
        "ice-safety-note",
        "Hold something frozen against your cheek. Do not let it touch your skin directly, "
        "and give your face a break after 20 minutes.",
    ),
    (
        "heat-safety-note",
        "Hold a warm compress on your jaw. Make sure it is not so hot that it could scald you, "
        "and keep a cloth between it and your face.",
    ),
    (
        "heat-safety-note",
        "A heating pad on your tummy may ease cramps. Heat can burn skin that has lost feeling, "
        "so do not use it if the area is numb.",
    ),
    (
        "painkiller-safety-note",
        "Aspirin can ease toothache. Stick to the dose on the packet. Aspirin is not safe for "
        "children under 16, and you should talk to a pharmacist before taking it if you have "
        "a stomach ulcer or take blood thinners.",
    ),
    (
        "painkiller-safety-note",
        "An anti-inflammatory gel may help. Read the leaflet first, and check with your GP if "
        "you are pregnant or have asthma.",
    ),
    (
        "supplement-safety-note",
        "Some people take cod liver oil. It is worth asking a pharmacist first, as it can "
        "interact with blood-thinning medicines.",
    ),
    (
        "supplement-safety-note",
        "Melatonin is only on prescription in the UK. Speak to your doctor about it, especially "
        "if you have a long-term condition.",
    ),
    (
        "exercise-pain-note",
        "Jog gently on sore shins if you can. If the pain sharpens or gets worse as you go, "
        "stop and walk home.",
    ),
    (
        "exercise-pain-note",
        "Keep up the wrist curls. A dull ache is fine, but back off if you feel a sharp, "
        "stabbing pain.",
    ),
    ("push-through-pain", "Never push through sharp pain. It is a signal to stop."),
    ("push-through-pain", "Forget the old idea of no pain, no gain."),
    (
        "red-flags-note",
        "Rheumatoid arthritis flares come and go.\n\n## When to get help\n\nCall your GP if a "
        "joint becomes hot and swollen, or you have a fever.",
    ),
    (
        "red-flags-note",
        "A nagging ache in the heel usually means tight calves. See a physio if it is worse "
        "at night or has not improved after 6 weeks.",
    ),
    # correct claims
    (
        "uncited-claim",
        "Scientists say cold showers may help alertness ([2016 trial](https://doi.org/10.1371/"
        "journal.pone.0161749)).",
    ),
    ("uncited-claim", "Do 3 sets of 12, resting for 1 minute between sets."),
    ("uncited-claim", "Hold for 20 seconds, 2 in 3 days is fine at first."),
    ("absolute-claim", "Eczema cannot be cured, but it can be kept under control."),
    ("absolute-claim", "Losing weight slowly is the safest way."),
    ("absolute-claim", "Magnesium supplements are not a cure for cramps."),
    ("uncited-claim", "Pilates can help some people with neck pain at the desk."),
    ("uncited-claim", "Why do tight hamstrings cause lower back trouble?"),
    (
        "uncited-claim",
        "Green tea boosts circulation in the legs, one small trial found (Ito and Sato 2019).",
    ),
    ("uncited-claim", "Some people say that arch supports prevent injuries."),
    # topics that look alike but are not the advice
    ("ice-safety-note", "Ice hockey players wear gum shields. Iced coffee has caffeine."),
    ("heat-safety-note", "During a heatwave, drink more water."),
    ("painkiller-safety-note", "Eat anti-inflammatory foods such as oily fish."),
    ("supplement-safety-note", "Supplement your walking with some strength work."),
    ("exercise-pain-note", "Regular walking lowers the risk of injury in older people."),
    ("red-flags-note", "A good warm-up helps prevent injuries."),
    # no help section at all: when-to-see-a-doctor says so, once
    ("red-flags-note", "If the wrist pain is not going away, try a new mouse."),
]


@pytest.mark.parametrize(("rule", "text"), FIRE, ids=[f"{r}-{i}" for i, (r, _) in enumerate(FIRE)])
def test_fires(rule, text, lint_text):
    assert any(f.rule == rule for f in lint_text(text)), text


@pytest.mark.parametrize(("rule", "text"), PASS, ids=[f"{r}-{i}" for i, (r, _) in enumerate(PASS)])
def test_passes(rule, text, lint_text):
    found = [f.message for f in lint_text(text) if f.rule == rule]
    assert not found, found


@pytest.mark.parametrize(
    ("text", "claims"),
    [
        # two claims joined by ", and" before a new subject and verb: each needs its source
        (
            "It strikes about a third of office workers, and weak glutes are the real cause of it.",
            2,
        ),
        ("Half of all runners get shin pain; poor shoes are the main reason for it.", 2),
        # one claim that runs on past a comma is still one claim
        ("Research shows that yoga eases back pain, and that it lowers stress.", 1),
        ("Nearly half of adults are short of vitamin D, so the winter months hit hard.", 1),
    ],
)
def test_one_uncited_claim_per_clause(lint_text, text, claims):
    found = [f for f in lint_text(text) if f.rule == "uncited-claim"]
    assert len(found) == claims, [f.message for f in found]
