// Chinese names of the codes the API answers with, shared by the office and field pages.

/// Audit-log actions on a patch.
export const patchActions = {
  'patch.assign': '下发', 'patch.verify': '外业核查', 'patch.determine': '内业判定', 'patch.approve': '市级审核通过',
  'patch.return': '市级退回', 'patch.audit-select': '抽中省级复核', 'patch.audit-judge': '省级复核', 'patch.case-open': '立案', 'patch.rectified': '整改到位',
};

/// 建设状态 as the verification form offers it; the empty code is "not filled in".
export const constructionStates = [['', '（未填）'], ['notStarted', '未动工'], ['underConstruction', '在建'], ['completed', '已建成']];
export const constructionStateNames = Object.fromEntries(constructionStates);

/// 告警状态 and the reasons an alarm may be dismissed for, as the alarm API names them.
export const alarmStatuses = [['', '全部'], ['new', '待处理'], ['confirmed', '已确认'], ['dismissed', '已排除']];
export const dismissalReasons = [['lighting', '光照变化'], ['weather', '天气'], ['vehicle', '车辆行人'], ['approved-construction', '施工已批'],
  ['vegetation', '植被季节变化'], ['other', '其他']];

/// Chinese names of the fields a delivered patch file usually carries (the ministry's and `landwatch
/// detect`'s); a field not named here is shown under its own name.
export const patchFieldNames = {
  JCBH: '图斑编号', TBBH: '图斑编号', XZQDM: '行政区划代码', XZQMC: '行政区名称', QSX: '前时相', HSX: '后时相',
  TBMJ: '图斑面积（m²）', JCMJ: '监测面积', TBLX: '图斑类型', BHLX: '变化类型', BHLXDM: '变化类型代码', ZXD: '置信度',
  MJ_M2: '提取面积（m²）', MJ_MU: '提取面积（亩）', XYS: '像元数', BZ: '备注',
};
