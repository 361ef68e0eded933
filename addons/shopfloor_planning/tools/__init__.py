# Plain Python helpers of shopfloor_planning: no ORM model here, importable without a database.
