"""A generated corpus of realistic health-advice posts, for benchmarks.

``generate_corpus(out_dir, n=500, seed=0)`` writes ``n`` Markdown posts with YAML front matter,
headings, lists, links and a realistic mix of defects (long sentences, medical jargon, page chrome
left over from a scraped page, ice and painkiller advice without safety notes, typos, pseudo
bullets, empty callouts, images without alt text, missing sections). About a quarter of the posts
are clean. The same ``seed`` always gives byte-identical files, so timings are comparable.

Run ``python bench/corpus.py OUT_DIR [--n 500] [--seed 0]`` to write it to a folder.
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

__all__ = ["generate_corpus", "render_labelled", "render_post"]


@dataclass(frozen=True)
class Topic:
    slug: str
    condition: str  # "tennis elbow"
    part: str  # "elbow"
    activity: str  # "gripping a cup"
    cause: str  # "using your forearm for the same task again and again"
    tag: str


TOPICS: tuple[Topic, ...] = (
    Topic(
        "knee-pain-running",
        "runner's knee",
        "knee",
        "running downhill",
        "building up your running too quickly",
        "running",
    ),
    Topic(
        "tennis-elbow",
        "tennis elbow",
        "elbow",
        "gripping a cup",
        "using your forearm for the same task again and again",
        "elbow",
    ),
    Topic(
        "lower-back-pain",
        "lower back pain",
        "lower back",
        "bending to tie your shoes",
        "lifting, twisting or sitting still for long periods",
        "back pain",
    ),
    Topic(
        "plantar-fasciitis",
        "plantar fasciitis",
        "heel",
        "taking your first steps in the morning",
        "standing for long hours or a sudden jump in walking",
        "feet",
    ),
    Topic(
        "neck-pain",
        "a stiff neck",
        "neck",
        "turning your head to reverse the car",
        "sleeping in an awkward position or hunching over a screen",
        "neck",
    ),
    Topic(
        "shoulder-impingement",
        "shoulder impingement",
        "shoulder",
        "reaching up to a high shelf",
        "lifting your arm overhead again and again",
        "shoulder",
    ),
    Topic(
        "achilles-tendon",
        "Achilles tendon pain",
        "ankle",
        "walking up stairs",
        "a sudden increase in hill running or jumping",
        "tendons",
    ),
    Topic(
        "shin-splints",
        "shin splints",
        "shin",
        "jogging on hard pavements",
        "doing too much running too soon on hard ground",
        "running",
    ),
    Topic(
        "sprained-ankle",
        "a sprained ankle",
        "ankle",
        "walking on uneven ground",
        "rolling your foot over on a kerb or a step",
        "ankle",
    ),
    Topic(
        "hip-pain",
        "hip pain",
        "hip",
        "getting out of a low chair",
        "weak buttock muscles or a change in your walking pattern",
        "hip",
    ),
    Topic(
        "carpal-tunnel",
        "carpal tunnel syndrome",
        "wrist",
        "holding a phone",
        "pressure on a nerve in the wrist from repeated hand movements",
        "hand",
    ),
    Topic(
        "hamstring-strain",
        "a hamstring strain",
        "thigh",
        "sprinting for a bus",
        "stretching the muscle suddenly while it is working hard",
        "sport",
    ),
    Topic(
        "frozen-shoulder",
        "frozen shoulder",
        "shoulder",
        "putting on a coat",
        "the tissue around the joint becoming thick and tight",
        "shoulder",
    ),
    Topic(
        "osteoarthritis-knee",
        "knee osteoarthritis",
        "knee",
        "climbing stairs",
        "wear and repair in the joint that changes over the years",
        "arthritis",
    ),
    Topic(
        "headaches-tension",
        "tension headaches",
        "head",
        "working at a screen all day",
        "stress, poor sleep and tight muscles in the neck",
        "headache",
    ),
    Topic(
        "golfers-elbow",
        "golfer's elbow",
        "elbow",
        "carrying shopping bags",
        "gripping and twisting with the wrist bent",
        "elbow",
    ),
    Topic(
        "sciatica",
        "sciatica",
        "leg",
        "sitting in the car",
        "a nerve in the lower back being pressed or irritated",
        "back pain",
    ),
    Topic(
        "bunions",
        "bunions",
        "big toe",
        "wearing narrow shoes",
        "the shape of your foot and tight, pointed shoes",
        "feet",
    ),
    Topic(
        "calf-strain",
        "a calf strain",
        "calf",
        "pushing off when you walk fast",
        "a sudden push-off when the muscle is tired or cold",
        "sport",
    ),
    Topic(
        "wrist-sprain",
        "a sprained wrist",
        "wrist",
        "pushing up from a chair",
        "putting your hand out to break a fall",
        "hand",
    ),
)

FIRST = (
    "Sam",
    "Maria",
    "Priya",
    "Tom",
    "Aisha",
    "Kevin",
    "Jo",
    "Ravi",
    "Elena",
    "Chris",
    "Fatima",
    "Liam",
    "Grace",
    "Owen",
    "Mei",
    "Daniel",
)
LAST = (
    "Whitfield",
    "Delgado",
    "Shah",
    "Brooks",
    "Okafor",
    "Nguyen",
    "Murphy",
    "Kowalski",
    "Evans",
    "Patel",
    "Larsen",
    "Haddad",
    "Reid",
    "Costa",
)
TITLES = ("PT", "DPT", "MCSP", "physiotherapist", "RN", "MD", "GP")

SOURCES = (
    ("NHS – {c}", "https://www.nhs.uk/conditions/{s}/"),
    ("{c} – MedlinePlus", "https://medlineplus.gov/ency/article/{n}.htm"),
    ("{c} – OrthoInfo", "https://orthoinfo.aaos.org/en/diseases--conditions/{s}/"),
    ("Chartered Society of Physiotherapy – {c}", "https://www.csp.org.uk/conditions/{s}"),
    ("Versus Arthritis – {c}", "https://www.versusarthritis.org/about-arthritis/conditions/{s}/"),
)

INTROS = (
    "Does your {part} hurt when you are {activity}? You may have {condition}.",
    "Many people get {condition} at some point. The good news is that it usually gets better.",
    "If your {part} aches after {activity}, you are not alone.",
    "{Condition} is one of the most common reasons people see a physiotherapist.",
    "Pain in your {part} can stop you doing the things you enjoy. Here is what helps.",
)

WHAT_IS = (
    "{Condition} is a problem with the tissues around your {part}.",
    "It often starts after {cause}.",
    "The pain tends to build up slowly over a few weeks.",
    "Some people notice stiffness first thing in the morning.",
    "It can make simple tasks like {activity} feel hard.",
    "Most people get better within a few months with the right care.",
    "Your {part} is stronger than you think, and it adapts to the load you give it.",
    "Pain does not always mean damage.",
)

CAUSES = (
    "Doing more than your body is used to",
    "Sitting or standing in one position for a long time",
    "Weak muscles around the {part}",
    "Shoes that do not fit well",
    "A sudden change in training",
    "Repeating the same movement many times a day",
    "Poor sleep and high stress",
    "Going back to sport too soon after an injury",
)

SELF_CARE = (
    "Keep moving, but cut back on the things that make the pain worse.",
    "Change how you do a task rather than stopping it altogether.",
    "Take short breaks every 30 minutes.",
    "Build up slowly: add no more than a little extra each week.",
    "A warm shower can ease stiffness in the morning.",
    "Sleep matters: try to keep a regular bedtime.",
    "Wear comfortable shoes with good support.",
    "Try to stay active in other ways while your {part} settles.",
)

EXERCISES = (
    "Sit or stand tall with your shoulders relaxed.",
    "Slowly move your {part} as far as feels comfortable.",
    "Hold for 5 seconds, then relax.",
    "Repeat 10 times, once or twice a day.",
    "Stop if the pain becomes sharp or keeps getting worse.",
    "Add a light weight once this feels easy.",
)

SEE_DOCTOR = (
    "The pain is not better after 2 weeks of home care.",
    "You cannot use your {part} for normal tasks.",
    "The area is red, hot or swollen.",
    "You have a fever as well as the pain.",
    "You feel numbness or tingling.",
    "The pain wakes you at night.",
    "You hurt it in a fall and it looks out of shape.",
)

SAFE_ICE = (
    "**Use cold packs safely:** wrap the pack in a thin cloth and keep it on for 15 minutes at "
    "the most. Wait until your skin is back to its normal colour before you use it again."
)
SAFE_PAINKILLER = (
    "> **Check before you take them.** Follow the directions on the label. Ask a pharmacist "
    "first if you have asthma, stomach ulcers, or heart or kidney problems, or if you are "
    "pregnant."
)

# --- defects --------------------------------------------------------------------------------

LONG_SENTENCES = (
    "Especially if your {part} is so acute and sore that you are unable to do any of the things "
    "you normally do during the day, this is a sign that we need to change something about the "
    "way you are loading it so that it has time to settle down again before you go back.",
    "Totally stopping all activity is a short term not a long term solution because a structure "
    "such as a muscle, joint or ligament that is not loaded at all will de-condition and reduce "
    "its ability to do what it did before, which makes the next injury more likely.",
    "In addition to what I have said in this blog, I will also go through a physical assessment "
    "to identify muscle weakness or tightness and provide hands-on massage and joint "
    "mobilisations to provide immediate pain relief and improvements in mobility for you.",
    "A good thorough warm-up before you start is often sufficient to help ease you into the "
    "movement and prevent injury, and to stretch afterwards will keep your muscles supple and "
    "improve your overall flexibility over the following weeks and months of training.",
)

JARGON = (
    "The prognosis for {condition} is good if you avoid movements that exacerbate it.",
    "Bilateral symptoms are uncommon and may indicate a systemic aetiology.",
    "Chronic cases can be refractory to conservative management.",
    "An NSAID may reduce the inflammatory response in the musculoskeletal tissues.",
    "Imaging is rarely indicated unless there is neurological compromise.",
    "Symptoms are often idiopathic and self-limiting.",
)

CHROME = (
    "Share the Post:",
    "Related Posts",
    "Skip to content",
    "Leave a Reply",
    "Posted in Injuries, Running",
    "« Previous Post",
    "Next Post »",
    "You may also like:",
    "Photo by Jane Smith on Unsplash",
)

UNSAFE_ICE = (
    "Put ice directly on your {part} for 20 minutes after every session. You will feel better.",
    "Use ice in a wrapped in a cold wet tea towel and hold onto the area for 10 minutes after "
    "the run.",
    "Ice it as often as you like, the colder the better.",
)

UNSAFE_PAINKILLER = (
    "Take ibuprofen before you exercise so you do not feel the pain.",
    "Painkillers like naproxen or ibuprofen will sort it out in a few days.",
    "Just take two paracetamol and carry on as normal.",
)

TYPOS = (
    ("receive", "recieve"),
    ("definitely", "definately"),
    ("separate", "seperate"),
    ("the", "teh"),
    ("its", "it's"),
    ("you're", "your"),
    ("until", "untill"),
    ("necessary", "neccessary"),
)

TYPO_SENTENCES = (
    "You will {receive} a plan that is {definitely} worth following.",
    "Keep {separate} times for rest and for exercise.",
    "It is not {necessary} to stop all activity {until} the pain has gone.",
    "If {you're} unsure, ask {the} person who treats you.",
    "The muscle needs time to do {its} job again.",
)


def _fill(text: str, topic: Topic) -> str:
    return text.format(
        part=topic.part,
        condition=topic.condition,
        Condition=topic.condition[0].upper() + topic.condition[1:],
        activity=topic.activity,
        cause=topic.cause,
    )


def _title(topic: Topic, rng: random.Random) -> str:
    c = topic.condition[0].upper() + topic.condition[1:]
    return rng.choice(
        (
            f"{c}: what it is and what helps",
            f"Living with {topic.condition}",
            f"How to ease {topic.condition}",
            f"{c} – a simple guide",
            f"Getting back to normal after {topic.condition}",
        )
    )


def render_post(index: int, rng: random.Random) -> tuple[str, str]:
    """One post: (file stem, Markdown text). Draws from ``rng`` in a fixed order."""
    stem, text, _ = render_labelled(index, rng)
    return stem, text


def render_labelled(index: int, rng: random.Random) -> tuple[str, str, bool]:
    """One post and whether it was drawn clean (no planted defect): (stem, text, clean). The
    same draws as :func:`render_post`."""
    topic = rng.choice(TOPICS)
    clean = rng.random() < 0.25
    lang = rng.choice(("en-GB", "en-GB", "en-US"))

    def chance(p: float) -> bool:
        # Draw even for clean posts, so the stream of random numbers does not depend on it.
        hit = rng.random() < p
        return hit and not clean

    author = f"{rng.choice(FIRST)} {rng.choice(LAST)}, {rng.choice(TITLES)}"
    day = date(2023, 1, 1) + timedelta(days=rng.randrange(0, 1400))
    title = _title(topic, rng)
    fm = [
        "---",
        # An unquoted colon in the title breaks the YAML: a realistic defect, now and then.
        f"title: {title}" if ":" not in title or chance(0.15) else f'title: "{title}"',
        f"description: What {topic.condition} is, why it happens and what you can do about it.",
        f"author: {author}",
        f"date: {day.isoformat()}",
    ]
    if rng.random() < 0.5:
        fm.append(f"reviewed_by: {rng.choice(FIRST)} {rng.choice(LAST)}, MD")
        fm.append(f"last_reviewed: {(day + timedelta(days=rng.randrange(30, 400))).isoformat()}")
    elif clean:
        # a clean post is publishable, so it names its reviewer too (chosen without drawing,
        # so the other posts are the same as before)
        fm.append(f"reviewed_by: {FIRST[index % len(FIRST)]} {LAST[index % len(LAST)]}, MD")
        fm.append(f"last_reviewed: {(day + timedelta(days=90)).isoformat()}")
    fm += [f"lang: {lang}", "type: advice", "tags:", f"  - {topic.tag}"]
    if topic.part != topic.tag:
        fm.append(f"  - {topic.part}")
    fm += ["---"]

    out: list[str] = []
    if chance(0.3):
        out += [rng.choice(CHROME[:3]), ""]
    out += [" ".join(_fill(s, topic) for s in rng.sample(INTROS, 2)), ""]
    if chance(0.3):
        out += ["IMPORTANT: Think you have " + topic.condition + "?", ""]

    # What it is
    out += [f"## What is {topic.condition}?", ""]
    body = [_fill(s, topic) for s in rng.sample(WHAT_IS, rng.randint(3, 6))]
    if chance(0.4):
        body.insert(rng.randrange(len(body) + 1), _fill(rng.choice(JARGON), topic))
    out += [" ".join(body), ""]
    if chance(0.25):
        out += [f"![](images/{topic.slug}.jpg)", "", f"A person with {topic.condition}", ""]
    elif rng.random() < 0.3:
        out += [f"![A diagram of the {topic.part}](images/{topic.slug}.png)", ""]

    # Causes: a real list, a list intro with no list, or pseudo-bullets
    heading_level = "###" if not chance(0.15) else "####"
    out += ["## Why does it happen?", "", "Common causes include:", ""]
    causes = [_fill(s, topic) for s in rng.sample(CAUSES, rng.randint(3, 5))]
    if chance(0.2):
        out.pop()
        out.pop()
        out += ["There are many causes such as:", ""]
        out += [" ".join(c + "." for c in causes), ""]
    elif chance(0.2):
        out += [f"• {c}" for c in causes] + [""]
    else:
        out += [f"- {c}" for c in causes] + [""]

    # What you can do
    out += ["## What you can do", ""]
    out += [f"{heading_level} Keep moving", ""]
    care = [_fill(s, topic) for s in rng.sample(SELF_CARE, rng.randint(2, 4))]
    if chance(0.45):
        care.append(_fill(rng.choice(LONG_SENTENCES), topic))
    if chance(0.35):
        care.append(rng.choice(TYPO_SENTENCES).format(**dict(TYPOS)))
    out += [" ".join(care), ""]

    out += ["### Cool it down", ""]
    if chance(0.4):
        out += [_fill(rng.choice(UNSAFE_ICE), topic), ""]
    else:
        out += ["A cold pack can ease pain after a task that flares it up.", "", SAFE_ICE, ""]

    out += ["### Pain relief", ""]
    if chance(0.4):
        out += [rng.choice(UNSAFE_PAINKILLER), ""]
    else:
        out += [
            "Over-the-counter medicines can help for a short time. You might use paracetamol "
            "or ibuprofen.",
            "",
            SAFE_PAINKILLER,
            "",
        ]

    # Exercises: numbered steps
    out += ["## Exercises", "", f"Try this simple exercise for your {topic.part}:", ""]
    steps = [_fill(s, topic) for s in EXERCISES[: rng.randint(3, len(EXERCISES))]]
    out += [f"{i}. {s}" for i, s in enumerate(steps, 1)] + [""]
    if rng.random() < 0.3:
        out += [
            "| Week | Sessions | Minutes |",
            "|---|---|---|",
            *(f"| {w} | {2 + w // 2} | {10 + 5 * w} |" for w in range(1, 4)),
            "",
        ]

    if not chance(0.3):
        heading = rng.choice(("When to see a doctor", "When to get help", "When to see a GP"))
        out += [f"## {heading}", "", "See a doctor if:", ""]
        out += [f"- {_fill(s, topic)}" for s in rng.sample(SEE_DOCTOR, rng.randint(3, 5))] + [""]
        out += ["Call 999 or go to A&E if the pain is sudden and severe.", ""]

    if not chance(0.3):
        out += [rng.choice(("## Sources", "## References")), ""]
        for label, url in rng.sample(SOURCES, rng.randint(2, 3)):
            c = topic.condition[0].upper() + topic.condition[1:]
            n = f"{rng.randrange(0, 1000000):06d}"
            out.append(f"- [{label.format(c=c)}]({url.format(s=topic.slug, n=n)})")
        out.append("")

    if chance(0.35):
        out += [
            "If you want a hand getting over a niggling injury, get in contact and we can have "
            "a chat",
            "",
        ]
        out += [line for c in rng.sample(CHROME, rng.randint(2, 4)) for line in (c, "")]

    text = "\n".join(fm) + "\n\n" + "\n".join(out).rstrip("\n") + "\n"
    return f"{index:04d}-{topic.slug}", text, clean


def generate_corpus(out_dir: Path, n: int = 500, seed: int = 0) -> list[Path]:
    """Write ``n`` posts to ``out_dir`` (created if needed); return their paths in order.

    Deterministic: the same ``seed`` and ``n`` give byte-identical files. Files are written
    with ``\\n`` line ends and UTF-8.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths: list[Path] = []
    for i in range(n):
        stem, text = render_post(i, rng)
        path = out_dir / f"{stem}.md"
        path.write_bytes(text.encode("utf-8"))
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a generated corpus of health posts.")
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    paths = generate_corpus(args.out_dir, args.n, args.seed)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    print(f"wrote {len(paths)} posts ({words} words) to {args.out_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
