"""A methods paragraph generated from the parameters, versions and results actually used, ready
to paste into a paper (and to check against the report)."""

from __future__ import annotations

import math

from .reasons import agreement_note, k_reason


def methods_paragraph(config: dict, software: dict, facts: dict) -> str:
    """``facts``: documents, cases, paragraphs (unsampled_paragraphs optional), vocabulary, k, k_reason, clusters_tfidf,
    clusters_lda, agreement (list of dicts), duplicates, damaged_runs.

    Works are cited as ``[@key]`` (pandoc's form) with the keys of :mod:`govtopics.presentation.references`;
    the report writes those entries to ``results/references.bib`` and lists them below."""
    lda, cl, cmp_ = config["lda"], config["clusters"], config["compare"]
    agreement = "; ".join(_agreement(a) for a in facts["agreement"])
    unsampled = facts.get("unsampled_paragraphs", 0)
    sample = (
        f" (a sample chosen by a hash of paragraph ids; the other {unsampled} paragraphs long enough to train on "
        "were given their topic mixtures by the trained model)"
        if unsampled
        else ""
    )
    if facts["cases"] >= 3:
        how_many = (
            f"chosen by mean silhouette (at most {cl['max_k']}) [@rousseeuw1987; @kaufman1990]"
            if cl["k"] == "auto"
            else "fixed in the configuration"
        )
        clustering = (
            f"Cases were clustered hierarchically ({cl['method']} linkage on 1 − similarity), the number of clusters "
            f"{how_many} "
            f"({facts['clusters_tfidf']} for TF-IDF, {facts['clusters_lda']} for LDA); "
            f"cluster stability was estimated from {cl['bootstrap_rounds']} bootstrap resamples of each case's "
            "paragraphs (Hennig's Jaccard criterion [@hennig2007]) and across LDA seeds, and the clusters were "
            "compared with as many groups of the cases by length alone (adjusted Rand index [@hubert1985]). "
        )
    else:
        clustering = f"With {facts['cases']} case(s), the cases were not clustered (clustering needs at least three). "
    return (
        f"We analysed {facts['documents']} documents describing {facts['cases']} local governance cases with "
        f"govtopics {software.get('govtopics', '')}, a Snakemake {software.get('snakemake', '')} workflow "
        "[@molder2021]. Texts were cleaned by rule (navigation, spam, disclaimers, "
        f"footers, related-article lists and by-lines removed; converter pinyin annotations removed; "
        f"{_damage(config['clean']['encoding_damage'], facts)}; {facts['duplicates']} near-duplicate documents "
        f"set aside: those with {config['clean']['duplicate_threshold']:.0%} or more of their character 5-grams in "
        "another document [@broder1997], found "
        "exactly with prefix filtering [@chaudhuri2006; @bayardo2007]), "
        f"converted to Simplified Chinese with OpenCC {software.get('opencc', '')} [@opencc], and segmented with "
        f"jieba {software.get('jieba', '')} [@jieba] using a user dictionary of governance terms; stopwords, numbers, "
        f"place names{' and person names' if config['tokens']['drop_person_names'] else ''} were removed. "
        f"Cases were compared in three views: TF-IDF profiles [@salton1988] (scikit-learn "
        f"{software.get('scikit-learn', '')} [@pedregosa2011], "
        f"{'sublinear' if config['tfidf']['sublinear_tf'] else 'raw'} term frequency, cosine similarity); "
        f"topic mixtures from LDA [@blei2003] ({_trainer(lda, facts['paragraphs'], software)}, "
        f"α = {lda['alpha']}) trained on {facts['paragraphs']} paragraphs{sample} with a vocabulary of "
        f"{facts['vocabulary']} words, similarity 1 − Jensen–Shannon distance [@lin1991]; and rates of "
        "governance-mechanism categories from a codebook (hits per 10,000 tokens, cosine similarity). The number "
        f"of topics was chosen from K ∈ {{{', '.join(map(str, lda['k_grid']))}}}, each fitted with seeds "
        f"{lda['seeds']}, by NPMI coherence [@bouma2009; @lau2014; @roder2015] (mean over seeds; among the Ks "
        "within one standard error of the best, the one whose topics were most stable across seeds "
        f"[@greene2014], measured by the mean Jaccard of matched top-{lda['top_words']} words), "
        f"with u_mass coherence [@mimno2011], topic diversity [@dieng2020] and perplexity on "
        f"{lda['heldout_share']:.0%} held-out paragraphs by document completion (mixture inferred from half of "
        f"each paragraph's words, the other half scored) [@wallach2009] reported alongside: {_k_reason(facts, 'en')}"
        f"{_runner_up(facts, 'en')}. "
        f"Every LDA finding uses all {len(lda['seeds'])} seeds' models of that K: the case similarity is the mean "
        "of the seeds' similarities, and topic shares are the mean of the seeds' mixtures, their topics "
        "matched one-to-one to the first seed's by the Hungarian algorithm on top-word Jaccard. "
        "Topics are described by their most probable words and by FREX [@bischof2012; @roberts2019]. "
        f"{clustering}"
        f"Agreement between views was measured by the Spearman "
        f"correlation of off-diagonal similarities with a Mantel test [@mantel1967] ({cmp_['permutations']} "
        f"permutations): {agreement}. Distinctive terms were identified by log-likelihood G² "
        f"[@dunning1993; @rayson2000] (listed at G² ≥ {cmp_['keyness_min_g2']}) "
        "with log-ratio effect sizes [@hardie2014], and cases were mapped by metric "
        "multidimensional scaling of 1 − similarity, with Kruskal's stress-1 [@kruskal1964]."
        f"{_reuse(config.get('reuse'))}"
        f"{_covariates(config.get('covariates'), facts.get('covariates'))}"
    )


def _reuse(settings: dict | None) -> str:
    if not settings:
        return ""
    return (
        " Text reuse between documents was found by local alignment of characters [@smith2015; @wilkerson2015] "
        "after Traditional characters were converted to Simplified and punctuation and spaces left out: pairs "
        f"sharing at least {settings['min_shared_grams']} strings of {settings['index_chars']} characters were "
        f"aligned from shared {settings['seed_chars']}-character seeds bridging gaps of up to {settings['max_gap']} "
        f"characters, and passages of at least {settings['min_chars']} characters at identity "
        f"≥ {settings['min_identity']} kept; the earlier dated document of a pair is its source, and a passage "
        f"found in {settings['boilerplate_documents']} or more documents (a sentence-length one, under "
        f"{settings['boilerplate_short_chars']} characters, in {settings['boilerplate_short_documents']} or more) "
        "is boilerplate, left out of the case tables."
    )


def _reuse_zh(settings: dict | None) -> str:
    if not settings:
        return ""
    return (
        "文档之间的文本复用以字符的局部比对识别 [@smith2015; @wilkerson2015]（先将繁体转为简体，略去标点与空白）："
        f"共有至少 {settings['min_shared_grams']} 个 {settings['index_chars']} 字串的文档对，"
        f"从共有的 {settings['seed_chars']} 字种子出发比对，可跨越至多 {settings['max_gap']} 字的差异，"
        f"保留至少 {settings['min_chars']} 字、相似度 ≥ {settings['min_identity']} 的段落；"
        "一对文档中日期较早者为来源，"
        f"见于 {settings['boilerplate_documents']} 篇及以上文档的段落（不足 {settings['boilerplate_short_chars']} "
        f"字的句子见于 {settings['boilerplate_short_documents']} 篇及以上）视为套话，不计入案例表。"
    )


def _covariates(settings: dict | None, columns: list[str] | None) -> str:
    """The sentence on topic prevalence by covariate, when some column had levels to compare."""
    if not settings or not columns:
        return ""
    return (
        f" Topic prevalence by {' and by '.join(columns)} was estimated in the manner of stm's estimateEffect "
        "[@roberts2019]: the mean topic share of the cases of each level, with expanded percentile intervals "
        f"[@hesterberg2015] ({settings['level']:.0%}) from {settings['rounds']:,} bootstrap resamples of the cases; "
        "along time, each topic's change in share per decade is the least-squares slope over cases with a bootstrap "
        f"interval. Levels with fewer than {settings['min_cases']} cases were given no interval."
    )


def _agreement(row: dict) -> str:
    """One pair of views' agreement as a clause; an undefined one says why instead of a number."""
    rho, p = _number(row.get("spearman")), _number(row.get("p_value"))
    if rho is None or p is None:
        return f"{row['view_a']}–{row['view_b']} not defined ({agreement_note(row, 'en') or 'no value'})"
    return f"{row['view_a']}–{row['view_b']} ρ = {rho:.2f} (p = {p:.3f})"


def _number(value) -> float | None:
    """A finite float, or None for an empty cell, NaN or text."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _damage(action: str, facts: dict) -> str:
    """What was done with the runs of encoding damage, in the words of the setting used."""
    runs, repaired = facts["damaged_runs"], facts.get("damage_repaired", 0)
    if action == "repair":
        return (
            f"of {runs} runs of encoding damage (GBK text decoded out of step), {repaired} were realigned and kept "
            f"where they read as common Chinese ({facts.get('chars_recovered', 0)} characters recovered, "
            f"{facts.get('chars_restored', 0)} of them a character whose first byte was lost, restored because "
            f"exactly one candidate made a place name of the gazetteer; {facts.get('chars_lost', 0)} marked as lost) "
            "and the rest removed"
        )
    return f"{runs} runs of encoding damage {'flagged' if action == 'keep' else 'removed'}"


def _trainer(lda: dict, paragraphs: int, software: dict) -> str:
    """The trainer and how it learned (``lda.engine``)."""
    if lda["engine"] == "tomotopy":
        return (
            f"collapsed Gibbs sampling [@griffiths2004] by tomotopy {software.get('tomotopy', '')} [@tomotopy], "
            f"{lda['sweeps']} sweeps, one worker; paragraph mixtures inferred by the variational E-step "
            f"[@hoffman2010] of gensim "
            f"{software.get('gensim', '')} [@rehurek2010]"
        )
    return (
        f"gensim {software.get('gensim', '')} LdaModel [@rehurek2010], {_training(lda, paragraphs)}, "
        f"{lda['passes']} passes"
    )


def _training(lda: dict, paragraphs: int) -> str:
    """How the topics were learned: in full batches when the training paragraphs fit one chunk
    (``lda.chunksize``), else online in chunks of that size."""
    chunksize = lda["chunksize"]
    if paragraphs <= chunksize:
        return "variational Bayes in full batches [@hoffman2010]"
    return f"online variational Bayes [@hoffman2010] in chunks of {chunksize:,} paragraphs"


def methods_paragraph_zh(config: dict, software: dict, facts: dict) -> str:
    """The methods paragraph in Chinese, for Chinese journals: the same facts, numbers and
    citations as :func:`methods_paragraph` (a test holds the two to the same keys and numbers)."""
    lda, cl, cmp_ = config["lda"], config["clusters"], config["compare"]
    agreement = "；".join(_agreement_zh(a) for a in facts["agreement"])
    unsampled = facts.get("unsampled_paragraphs", 0)
    sample = f"（按段落编号的哈希抽样；其余 {unsampled} 个足够长的段落由训练所得模型推断主题构成）" if unsampled else ""
    if facts["cases"] >= 3:
        how_many = (
            f"按平均轮廓系数选定（至多 {cl['max_k']} 类）[@rousseeuw1987; @kaufman1990]"
            if cl["k"] == "auto"
            else "由配置指定"
        )
        clustering = (
            f"案例按 1 − 相似度作层次聚类（{cl['method']} 连接），聚类数{how_many}"
            f"（TF-IDF {facts['clusters_tfidf']} 类，LDA {facts['clusters_lda']} 类）；"
            f"聚类稳定性由每个案例段落的 {cl['bootstrap_rounds']} 次自助重抽样估计（Hennig 的 Jaccard 准则 "
            "[@hennig2007]），并在 LDA 各随机种子之间比较；聚类还与仅按文本长度划分的同样多组相比较"
            "（调整兰德指数 [@hubert1985]）。"
        )
    else:
        clustering = f"仅有 {facts['cases']} 个案例，未作聚类（聚类至少需要三个案例）。"
    names = "地名和人名" if config["tokens"]["drop_person_names"] else "地名"
    return (
        f"本文以 govtopics {software.get('govtopics', '')}（一个 Snakemake {software.get('snakemake', '')} 工作流 "
        f"[@molder2021]）分析了描述 {facts['cases']} 个基层治理案例的 {facts['documents']} 篇文档。"
        "文本按规则清洗（去除导航、垃圾信息、免责声明、页脚、相关文章列表与署名行；去除转换器生成的拼音注音；"
        f"{_damage_zh(config['clean']['encoding_damage'], facts)}；以字符 5 元组的包含度 [@broder1997]"
        f"（{config['clean']['duplicate_threshold']:.0%} 及以上）"
        f"与前缀过滤 [@chaudhuri2006; @bayardo2007] 精确找出 {facts['duplicates']} 篇近似重复文档并予以搁置），"
        f"以 OpenCC {software.get('opencc', '')} [@opencc] 转为简体，并以 jieba {software.get('jieba', '')} "
        f"[@jieba] 结合治理术语用户词典分词；去除停用词、数字、{names}。"
        f"案例从三个视角比较：TF-IDF 特征 [@salton1988]（scikit-learn {software.get('scikit-learn', '')} "
        f"[@pedregosa2011]，{'次线性' if config['tfidf']['sublinear_tf'] else '原始'}词频，余弦相似度）；"
        f"LDA 主题构成 [@blei2003]（{_trainer_zh(lda, facts['paragraphs'], software)}，α = {lda['alpha']}），"
        f"在 {facts['paragraphs']} 个段落{sample}上训练，词表 {facts['vocabulary']} 词，相似度为 1 − Jensen–Shannon "
        "距离 [@lin1991]；以及治理机制编码表各类别的命中率（每 10,000 词命中数，余弦相似度）。"
        f"主题数从 K ∈ {{{', '.join(map(str, lda['k_grid']))}}} 中选择，每个 K 以随机种子 {lda['seeds']} 各拟合一次，"
        "依据 NPMI 一致性 [@bouma2009; @lau2014; @roder2015]（各种子均值；在与最优者相差一个标准误之内的 K 中，"
        f"取主题跨种子最稳定者 [@greene2014]，以匹配主题前 {lda['top_words']} 个词的平均 Jaccard 衡量），"
        f"并同时报告 u_mass 一致性 [@mimno2011]、主题多样性 [@dieng2020] 与 {lda['heldout_share']:.0%} "
        "留出段落上的困惑度（文档补全法：由每段一半词推断主题构成，以另一半评分）[@wallach2009]："
        f"{_k_reason(facts, 'zh')}{_runner_up(facts, 'zh')}。"
        f"所有 LDA 结论均使用该 K 下全部 {len(lda['seeds'])} 个种子的模型：案例相似度为各种子相似度的均值，"
        "主题占比为各种子主题构成的均值，其主题按前列词 Jaccard 以匈牙利算法与第一个种子一一匹配。"
        "主题以最高概率词与 FREX 词描述 [@bischof2012; @roberts2019]。"
        f"{clustering}"
        f"视角之间的一致性以非对角相似度的 Spearman 相关与 Mantel 检验 [@mantel1967]（{cmp_['permutations']} 次置换）"
        f"衡量：{agreement}。特征词以对数似然 G² [@dunning1993; @rayson2000] 识别（列出 G² ≥ "
        f"{cmp_['keyness_min_g2']} 者），效应量为对数比 [@hardie2014]；案例以 1 − 相似度的度量多维尺度分析"
        "作图，报告 Kruskal 应力 stress-1 [@kruskal1964]。"
        f"{_reuse_zh(config.get('reuse'))}"
        f"{_covariates_zh(config.get('covariates'), facts.get('covariates'))}"
    )


def _runner_up(facts: dict, language: str) -> str:
    """The runner-up K and how far the groups move, after the K reason ('' without one)."""
    from .summary import runner_up_sentence

    said = runner_up_sentence(facts.get("runner_up") or {}, language)
    return ("；" if language == "zh" else "; ") + said if said else ""


def _k_reason(facts: dict, language: str) -> str:
    """Why K (``k_reason``: the reason codes and numbers of ``lda/chosen_k.json``), in words."""
    return k_reason({"k": facts["k"], "reason": facts["k_reason"]}, language)


def _covariates_zh(settings: dict | None, columns: list[str] | None) -> str:
    if not settings or not columns:
        return ""
    return (
        f"按 {'、'.join(columns)} 的主题流行度仿照 stm 的 estimateEffect [@roberts2019] 估计：每个水平下案例的"
        f"平均主题占比，附由案例的 {settings['rounds']:,} 次自助重抽样得到的扩展百分位区间 [@hesterberg2015]"
        f"（{settings['level']:.0%}）；沿时间方向，每个主题每十年的占比变化为案例上的最小二乘斜率，附自助区间。"
        f"案例少于 {settings['min_cases']} 个的水平不给区间。"
    )


def _agreement_zh(row: dict) -> str:
    rho, p = _number(row.get("spearman")), _number(row.get("p_value"))
    if rho is None or p is None:
        return f"{row['view_a']}–{row['view_b']} 无定义（{agreement_note(row, 'zh') or '无数值'}）"
    return f"{row['view_a']}–{row['view_b']} ρ = {rho:.2f}（p = {p:.3f}）"


def _damage_zh(action: str, facts: dict) -> str:
    runs, repaired = facts["damaged_runs"], facts.get("damage_repaired", 0)
    if action == "repair":
        return (
            f"{runs} 段编码损坏（GBK 文本错位解码）中 {repaired} 段在读作常用汉字时重新对齐并保留"
            f"（恢复 {facts.get('chars_recovered', 0)} 个字符，其中 {facts.get('chars_restored', 0)} 个首字节丢失的字符"
            f"因恰有一个候选构成地名表中的地名而复原；{facts.get('chars_lost', 0)} 个标为丢失），其余删除"
        )
    return f"{runs} 段编码损坏{'予以标注' if action == 'keep' else '予以删除'}"


def _trainer_zh(lda: dict, paragraphs: int, software: dict) -> str:
    if lda["engine"] == "tomotopy":
        return (
            f"以 tomotopy {software.get('tomotopy', '')} [@tomotopy] 作塌缩吉布斯抽样 [@griffiths2004]，"
            f"{lda['sweeps']} 轮，单线程；段落主题构成以 gensim {software.get('gensim', '')} [@rehurek2010] "
            "的变分 E 步 [@hoffman2010] 推断"
        )
    chunksize = lda["chunksize"]
    training = (
        "全批量变分贝叶斯 [@hoffman2010]"
        if paragraphs <= chunksize
        else f"在线变分贝叶斯 [@hoffman2010]，每批 {chunksize:,} 段"
    )
    return f"gensim {software.get('gensim', '')} LdaModel [@rehurek2010]，{training}，{lda['passes']} 遍"
