import CReadStat
