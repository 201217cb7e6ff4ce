"""Which label shapes are the file's: a shape is, when two or more of its labels name speakers
who recur (one is enough for a shape no sentence takes: `**Name:**`, `[Name]:`), unless a far
larger shape beside it says it is a passage's or a caption's wrap."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable

from .labels import Candidate

# Shapes a word of a sentence takes as often as a name does: their speakers must be two.
NEEDS_TWO = {"plain:alone", "bold:alone", "heading:alone", "bracket:alone", "bare:period", "bold:space", "plain:dash"}


def established_shapes(valid: list[Candidate], key: dict[str, str], recurs: Counter,
                       unmistakable: Callable[[Candidate], bool]) -> set[str]:
    by_shape: dict[str, list[Candidate]] = defaultdict(list)
    for c in valid:
        by_shape[c.shape].append(c)
    established = set()
    for shape, found in by_shape.items():  # a name before a dash recurs in that shape (not a list's `Name - Role`)
        counts = Counter(key[c.name] for c in found) if shape == "plain:dash" else recurs
        recurring = {key[c.name] for c in found if counts[key[c.name]] >= 2}
        labelled = [c for c in found if key[c.name] in recurring]
        if len(labelled) >= 2 and (len(recurring) >= 2 or shape not in NEEDS_TWO) or any(unmistakable(c) for c in found):
            established.add(shape)
    # Beside a shape of twenty labels and more, one of a tenth as many and none of its names is a
    # passage's (`T-E-H. Yeah, exactly.`, said twice); words alone on their lines, mostly not its
    # names, are a caption's wraps (`the`, `of`, `podcast,` a cue each).
    main = max(by_shape.values(), key=len, default=[])
    if len(main) < 20:
        return established
    names = {key[c.name] for c in main}

    def passing(shape: str) -> bool:
        own = {key[c.name] for c in by_shape[shape]}
        return shape != main[0].shape and (10 * len(by_shape[shape]) < len(main) and not own & names
                                           or shape == "plain:alone" and 2 * len(own - names) > len(own))

    return {shape for shape in established if not passing(shape)}
