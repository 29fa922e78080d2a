"""What the published documents print, for tests to compare the portal's data and PDFs with."""

# Percentages as printed in LC/CE.20/3, per group of the programme. The report lists the
# programme's groups VIII (prices) and IX (administrative records) in the other order.
SECOND_REPORT = {
    1: [100, 100, 100, 100, 100, 0],
    2: [100, 100, 100, 100, 90, 0, 0],
    3: [70, 70, 60, 70, 50],
    4: [100, 100, 100, 70, 50, 60, 10, 65, 100, 100],
    5: [100, 95, 70, 0],
    6: [100] * 12 + [50, 30, 10, 20, 0, 0, 20, 20, 0, 0, 0, 0],
    7: [25, 60, 30, 15],
    8: [100, 100, 100, 70, 50, 40, 0, 0],
    9: [100, 100, 100, 100, 100, 100, 8, 0],
    10: [100, 70, 70, 70],
    11: [70, 50, 50, 50, 0],
}

# Activities in the programme's plan of activities (LC/CEA.10/5), per group.
PLAN_SIZES = {1: 14, 2: 4, 3: 3, 4: 9, 5: 5, 6: 7, 7: 10, 8: 5, 9: 8, 10: 16, 11: 10}
