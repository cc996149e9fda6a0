
import GRDB
import CSV
