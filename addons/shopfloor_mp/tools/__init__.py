# Plain Python helpers of shopfloor_mp: no ORM model here, importable without a database.
