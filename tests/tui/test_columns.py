from fieldmap.tui.columns import cut_path, share_width

PHONE = "Worker_Data.Personal_Data.Contact_Data.Phone_Data[0].Formatted_Phone"


def test_a_cut_path_keeps_its_head_and_its_leaf():
    assert cut_path(PHONE, 28) == "Worker_Data…Formatted_Phone"
    assert cut_path(PHONE, 42) == "Worker_Data.Personal_Data…Formatted_Phone"
    assert len(cut_path(PHONE, 40)) <= 40
    assert cut_path(PHONE, len(PHONE)) == PHONE
    assert cut_path(PHONE, 12).endswith("_Phone") and len(cut_path(PHONE, 12)) == 12


def test_columns_share_the_width_by_what_they_hold():
    # Room over goes to the last column; short of room, the columns give way in order.
    assert share_width([10, 20, 30], 100, 4, [2, 1]) == [10, 20, 70]
    assert share_width([22, 70, 16], 60, 8, [2, 1]) == [22, 30, 8]
    assert share_width([22, 70, 16], 100, 8, [2, 1]) == [22, 70, 8]
    assert share_width([5, 20, 3], 12, 4, [1, 0]) == [4, 4, 4]
