# Plain Python helpers of shopfloor_wage: no ORM model here, importable without a database.
