"""Croissant 1.0 metadata (with the Responsible-AI fields) for the built Parquet files, made with mlcroissant."""
from __future__ import annotations

import datetime
from typing import Any

import mlcroissant as mlc
from datasets import ClassLabel, Features, List, Value

from .card import CITATION, PRETTY_NAME
from .features import CONFIGS

_TYPES = {"string": mlc.DataType.TEXT, "int32": mlc.DataType.INTEGER, "int64": mlc.DataType.INTEGER,
          "bool": mlc.DataType.BOOL, "float32": mlc.DataType.FLOAT, "float64": mlc.DataType.FLOAT}


def file_id(config: str, split: str) -> str:
    """The Croissant id of one data file."""
    return f"{config}-{split}-parquet"


def record_set_id(config: str, split: str) -> str:
    """The Croissant id of the record set of one config and split."""
    return f"{config}_{split}"


def _leaf_type(feature: Any) -> tuple[Any, str | None]:
    """Croissant data type and description of a leaf feature (class labels are stored as their names)."""
    if isinstance(feature, ClassLabel):
        return mlc.DataType.TEXT, "one of: " + ", ".join(feature.names)
    if isinstance(feature, Value):
        return _TYPES[feature.dtype], None
    raise TypeError(f"not a leaf feature: {feature!r}")


def _field(rs: str, name: str, feature: Any, fid: str, column: str, path: str | None) -> mlc.Field:
    """One Croissant field (recursing into lists and structs); ``path`` picks a key inside a struct column."""
    source = mlc.Source(file_object=fid, extract=mlc.Extract(column=column),
                        transforms=[mlc.Transform(json_path=path)] if path else [])
    field_id = f"{rs}/{name}"
    if isinstance(feature, List) and isinstance(feature.feature, dict):
        subs = [_field(field_id, key, sub, fid, column, key) for key, sub in feature.feature.items()]
        return mlc.Field(id=field_id, name=name.rsplit("/", 1)[-1], repeated=True, sub_fields=subs)
    repeated = isinstance(feature, List)
    dtype, desc = _leaf_type(feature.feature if repeated else feature)
    return mlc.Field(id=field_id, name=name.rsplit("/", 1)[-1], data_types=[dtype], source=source,
                     repeated=repeated, description=desc)


RAI = {
    "data_collection": "Seed documents are real news articles published in 2019. Authored documents were written for the "
                       "corpus by AI writing sessions (a large language model) in English news register on the seed "
                       "articles' subject, using real public facts as the writer knew them (not checked by a human "
                       "fact-checker; each lists its facts in meta.fact_notes); no "
                       "invented quotation is attributed to a named person and no sentence is copied from published text.",
    "data_collection_type": ["Machine generated (large language model writing sessions)", "Secondary Data Analysis"],
    "data_collection_raw_data": "The raw article texts are kept in the repository under corpus/raw/.",
    "data_preprocessing_protocol": ["Text normalised to NFC with \\n line ends, then segmented into paragraphs, sentences "
                                    "and tokens with spaCy's rule-based English tokenizer and Caveat's rules (caveat segment)."],
    "data_annotation_protocol": ["Annotation follows corpus/GUIDELINES.md: OntoNotes 5 entity types, claims with claim type "
                                 "and check-worthiness, sources and attributed_to relations, minimal hedge cues with hedge "
                                 "type and hedges relations. A random selection of documents and both seed articles get two "
                                 "independent passes and adjudication; the rest get one pass and a second full review."],
    "data_annotation_platform": ["Anchored pass files resolved by caveat anchor; Label Studio 1.23.2 with a configuration "
                                 "generated from the label inventory."],
    "data_annotation_analysis": ["Inter-annotator agreement on the double-annotated set: pairwise span F1 per layer and label, "
                                 "Cohen's kappa for attributes on matched spans (caveat agreement; figures in the dataset card)."],
    "annotations_per_item": "Two independent passes plus adjudication for the double-annotated set; one pass plus a full review otherwise.",
    "annotator_demographics": ["Not applicable in this release: every pass was made by an AI session of one "
                               "large-language-model family following the guidelines; annotators are identified by "
                               "pseudonymous ids."],
    "machine_annotation_tools": ["All annotation passes, reviews and adjudications: AI sessions of one large-language-model "
                                 "family, writing anchored pass files checked by caveat anchor and caveat validate."],
    "data_biases": ["Narrow topic (US export controls, Chinese surveillance and AI firms, Xinjiang, social credit); "
                    "most documents written for the corpus by few AI writing sessions, so style and hedging reflect them; annotations "
                    "by AI sessions of one model family may carry that family's systematic readings."],
    "data_limitations": ["Small corpus; only the seed documents are real published news; hedge scopes are not annotated; "
                         "claims crossing a sentence boundary are clipped in the claims config."],
    "data_social_impact": "Helps study how news hedges and attributes claims. The subject is the surveillance of ethnic and "
                          "religious minorities; mistakes in attribution can misrepresent serious allegations, and the data "
                          "must not be used to make decisions about people.",
    "personal_sensitive_information": ["Discusses surveillance and detention of Uyghurs and other Muslim minorities, "
                                       "biometrics and blacklists. Names public figures and companies in connection with "
                                       "public facts only; no private individual's data."],
    "data_use_cases": ["Named-entity recognition, hedge-cue detection, sentence certainty, claim detection and attribution "
                       "on news text."],
    "data_release_maintenance_plan": "Corrections are made in the repository's documents; every rebuild records a new "
                                     "corpus version and SHA-256 of every file in manifest.json.",
}


def croissant_metadata(features: dict[str, Features], file_hashes: dict[tuple[str, str], str], *,
                       version: str, licences: list[str], date_published: str | None, description: str) -> dict:
    """The Croissant JSON-LD: one FileObject per data file with its SHA-256, and one RecordSet per config and split."""
    distribution = [mlc.FileObject(id=file_id(c, s), name=file_id(c, s), content_url=f"data/{c}/{s}.parquet",
                                   encoding_formats=["application/x-parquet"], sha256=sha)
                    for (c, s), sha in file_hashes.items()]
    record_sets = []
    for config in CONFIGS:
        for (c, split) in file_hashes:
            if c != config:
                continue
            rs = record_set_id(config, split)
            fields = [_field(rs, name, f, file_id(config, split), name, None) for name, f in features[config].items()]
            record_sets.append(mlc.RecordSet(id=rs, name=rs, description=f"The {config} config, {split} split.",
                                             fields=fields))
    published = datetime.datetime.fromisoformat(date_published) if date_published else None
    meta = mlc.Metadata(name=PRETTY_NAME, description=description, version=version, license=licences,
                        cite_as=CITATION, in_language=["en"], date_published=published,
                        keywords=["hedging", "claims", "attribution", "named entities", "news"],
                        distribution=distribution, record_sets=record_sets, **RAI)
    return meta.to_json()
