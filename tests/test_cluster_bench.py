"""The cluster bench's own logic: the check that every survey link a flow used ends with
exactly one submitted response holding the answers sent, and the percentile it reports."""

from bench.cluster_bench import link_problems, percentile

SENT = "PT Sinar Jaya"


def test_links_each_with_one_submitted_response_holding_the_answer_pass():
    rows = [(1, "submitted", SENT), (2, "submitted", SENT)]
    assert link_problems([1, 2], rows, SENT) == {
        "missing": [], "duplicated": [], "not_submitted": [], "wrong_answer": [],
    }  # fmt: skip


def test_a_used_link_without_a_response_is_missing():
    assert link_problems([1, 2], [(1, "submitted", SENT)], SENT)["missing"] == [2]


def test_a_link_with_two_responses_is_duplicated():
    rows = [(1, "submitted", SENT), (1, "submitted", SENT)]
    assert link_problems([1], rows, SENT)["duplicated"] == [1]


def test_a_response_left_in_progress_is_not_submitted():
    problems = link_problems([3], [(3, "partial", "")], SENT)
    assert problems["not_submitted"] == [3]
    assert problems["missing"] == []


def test_a_submitted_response_without_the_answer_sent_is_wrong():
    assert link_problems([4], [(4, "submitted", "PT Lain")], SENT)["wrong_answer"] == [4]


def test_responses_of_links_no_flow_used_are_not_counted():
    rows = [(1, "submitted", SENT), (9, "submitted", "PT Lain"), (9, "submitted", SENT)]
    problems = link_problems([1], rows, SENT)
    assert all(links == [] for links in problems.values())


def test_a_link_used_twice_is_checked_once():
    assert link_problems([5, 5], [(5, "submitted", SENT)], SENT)["duplicated"] == []


def test_percentile_is_nearest_rank():
    values = [float(n) for n in range(1, 101)]  # 1..100
    assert percentile(values, 0.99) == 99.0
    assert percentile(values, 0.5) == 50.0
    assert percentile([3.0, 1.0, 2.0], 0.99) == 3.0
    assert percentile([], 0.99) == 0.0
