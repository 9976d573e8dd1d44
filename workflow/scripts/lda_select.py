"""LDA selection: choose K from the scored grid (``lda.k``: 'auto' or a K of the grid).

Inputs: ``results/lda/k*/scores.csv``, the corpus split and dictionary. Outputs:
``model_selection.csv`` (every K × seed with its scores, the chosen K marked) and ``chosen_k.json``
(the K, why, the runner-up K and whether the data tell the two apart, and the training, held-out
and unsampled paragraphs and vocabulary behind it).
"""

import pandas as pd
from gensim.corpora import Dictionary

from govtopics.models import lda
from govtopics.reading.io import log_to, read_table, write_json, write_table

log_to(snakemake.log[0])
p, inp, out = snakemake.params.lda, snakemake.input, snakemake.output
selection = pd.concat([read_table(path) for path in inp.scores]).sort_values(["k", "seed"])
k, why = lda.choose_k(selection.to_dict("records"), p["k"], p["min_stability"])
selection["chosen"] = selection["k"] == k
write_table(selection, out.selection)
roles = read_table(inp.split)["role"]
write_json(
    {
        "k": k,
        "seed": p["seeds"][0],
        "seeds": p["seeds"],
        "reason": why,
        "runner_up": lda.runner_up(selection.to_dict("records"), k, p["k"]),
        "paragraphs": int((roles == "train").sum()),
        "heldout_paragraphs": int((roles == "heldout").sum()),
        "unsampled_paragraphs": int((roles == "unsampled").sum()),
        "vocabulary": len(Dictionary.load_from_text(inp.dictionary)),
    },
    out.chosen,
)
