# Plain Python helpers of shopfloor_oee (no ORM): the OEE maths.
