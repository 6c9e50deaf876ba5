import { formatNumber, formatPercent, readerTitle } from '@dj/intl'
import type { Catalog } from './types.js'

const open = '查看'
const offset = { '7d': '7天后', '24h': '明天', '1h': '1小时后' } as const

export const zh: Catalog = {
  open,
  footer: (h) =>
    `您收到此邮件是因为您在迪伦–金华交流平台上拥有账户。通知设置：${h.link('/inbox/preferences')}`,
  digest: (items, day, h) => ({
    subject: `每日摘要（${day}）：${items.length} 条更新`,
    lines: ['自上次摘要以来的新消息：', ...items.map((i) => `• ${i.subject} — ${h.when(i.at)}`)],
    action: { label: '打开平台', url: h.link('/inbox') },
  }),
  events: {
    'auth.email_verification_requested': (e, h) => ({
      subject: '请确认您的电子邮箱地址',
      lines: ['欢迎！请确认您的电子邮箱地址以完成账户设置。', `链接有效期至 ${h.when(e.expiresAt)}。`],
      action: { label: '确认邮箱地址', url: h.link(`/verify-email?token=${encodeURIComponent(e.token)}`) },
    }),
    'auth.password_reset_requested': (e, h) => ({
      subject: '重置密码',
      lines: [
        '有人请求重置您账户的密码。如果不是您本人操作，请忽略此邮件。',
        `链接有效期至 ${h.when(e.expiresAt)}。`,
      ],
      action: { label: '设置新密码', url: h.link(`/reset-password?token=${encodeURIComponent(e.token)}`) },
    }),
    'auth.password_changed': (_e, h) => ({
      subject: '您的密码已更改',
      lines: [
        '您账户的密码刚刚被更改，其他所有会话均已退出。',
        '如果不是您本人操作，请立即重置密码并联系支持团队。',
      ],
      action: { label: '账户安全', url: h.link('/profile') },
    }),
    'auth.registration_attempted': (_e, h) => ({
      subject: '有人尝试用您的邮箱地址注册',
      lines: [
        '刚才有人尝试用此邮箱地址在迪伦–金华交流平台上注册新账户。您已有账户，因此没有创建第二个账户。',
        '如果是您本人：请直接登录；如果忘记了密码，可以设置新密码。如果不是您本人，请忽略此邮件，您的账户没有任何变化。',
      ],
      action: { label: '忘记密码？', url: h.link('/forgot-password') },
    }),
    'membership.invited': (e, h) => ({
      subject: `邀请您加入 ${e.institution.name}`,
      lines: [
        `${e.invitedByName} 邀请您在迪伦–金华交流平台上加入 ${e.institution.name}。`,
        `邀请有效期至 ${h.when(e.expiresAt)}。`,
      ],
      action: { label: '接受邀请', url: h.link(`/invitations/accept?token=${encodeURIComponent(e.token)}`) },
    }),
    'institution.verified': (e, h) => ({
      subject: `${e.institution.name} 已通过审核`,
      lines: [`${e.institution.name} 已通过主管部门审核，现在可以参与伙伴匹配。`],
      action: { label: open, url: h.link(`/institutions/${e.institution.id}`) },
    }),
    'institution.rejected': (e, h) => ({
      subject: `${e.institution.name} 未通过审核`,
      lines: [
        `主管部门未能审核通过 ${e.institution.name}。`,
        `原因：${e.reason}`,
        '您可以修改资料后重新提交。',
      ],
      action: { label: open, url: h.link(`/institutions/${e.institution.id}`) },
    }),
    'institution.suspended': (e, h) => ({
      subject: `${e.institution.name} 已被暂停`,
      lines: [`${e.institution.name} 已被暂停，暂时不参与伙伴匹配。`, `原因：${e.reason}`],
      action: { label: open, url: h.link(`/institutions/${e.institution.id}`) },
    }),
    'institution.reinstated': (e, h) => ({
      subject: `${e.institution.name} 已恢复`,
      lines: [`${e.institution.name} 的暂停已解除。`],
      action: { label: open, url: h.link(`/institutions/${e.institution.id}`) },
    }),
    'interest.reconfirm_requested': (e, h) => ({
      subject: `${e.institution.name} 的交流意向是否仍然有效？`,
      lines: [`请在 ${h.when(e.deadline)} 之前确认 ${e.institution.name} 的交流意向仍然有效，或将其关闭。`],
      action: { label: open, url: h.link(`/interests/${e.interestId}/edit`) },
    }),
    'import.finished': (e, h) => ({
      subject:
        e.status === 'failed'
          ? '您的 CSV 导入失败'
          : `您的 CSV 导入已完成：共 ${formatNumber('zh', e.total)} 行，其中 ${formatNumber('zh', e.failed)} 行未导入`,
      lines: [
        e.status === 'failed'
          ? `文件 ${e.fileName ?? ''} 无法导入。报告中说明了原因。`
          : `文件 ${e.fileName ?? ''} 已导入。共 ${formatNumber('zh', e.total)} 行，其中 ${formatNumber('zh', e.failed)} 行未导入；报告列出了这些行及原因。`,
      ],
      action: { label: '查看报告', url: h.link(`/officer/imports/${e.importId}`) },
    }),
    'round.finished': (e, h) => ({
      subject:
        e.status === 'failed' ? '匹配轮次失败' : `匹配轮次已完成：${formatNumber('zh', e.proposals)} 个推荐`,
      lines: [
        e.status === 'failed'
          ? '您启动的匹配轮次失败了，请重新开始。'
          : `您启动的匹配轮次已完成，共推荐 ${formatNumber('zh', e.proposals)} 对。相关机构已收到通知。`,
      ],
      action: { label: '查看结果', url: h.link(`/officer/rounds/${e.roundId}`) },
    }),
    'proposal.created': (e, h) => ({
      subject: `新的伙伴推荐：${e.partner.name}`,
      lines: [
        `我们推荐 ${e.partner.name} 作为 ${e.own.name} 的合作伙伴（匹配度 ${formatPercent('zh', e.score)}）。`,
        ...(e.expiresAt ? [`请在 ${h.when(e.expiresAt)} 之前答复。`] : []),
      ],
      action: { label: '查看推荐', url: h.link(`/proposals/${e.proposalId}`) },
    }),
    'proposal.accepted': (e, h) => ({
      subject: `${e.partner.name} 已接受推荐`,
      lines: [`${e.partner.name} 已接受与 ${e.own.name} 的合作推荐。`],
      action: { label: '查看推荐', url: h.link(`/proposals/${e.proposalId}`) },
    }),
    'proposal.declined': (e, h) => ({
      subject: `${e.partner.name} 已拒绝推荐`,
      lines: [`${e.partner.name} 已拒绝与 ${e.own.name} 的合作推荐。`, `原因：${e.reason}`],
      action: { label: '查看推荐', url: h.link(`/proposals/${e.proposalId}`) },
    }),
    'proposal.expiring': (e, h) => ({
      subject: `与 ${e.partner.name} 的推荐即将过期`,
      lines: [`${e.own.name} 与 ${e.partner.name} 的推荐将于 ${h.when(e.expiresAt)} 过期，请尽快答复。`],
      action: { label: '查看推荐', url: h.link(`/proposals/${e.proposalId}`) },
    }),
    'proposal.expired': (e, h) => ({
      subject: `与 ${e.partner.name} 的推荐已过期`,
      lines: [`${e.own.name} 与 ${e.partner.name} 的推荐未获答复，已过期。`],
      action: { label: '查看推荐', url: h.link(`/proposals/${e.proposalId}`) },
    }),
    'proposal.officer_confirmed': (e, h) => ({
      subject: `${e.side === 'duren' ? '迪伦县' : '金华'}主管部门已确认推荐：${e.partner.name}`,
      lines: [
        `${e.side === 'duren' ? '迪伦县' : '金华'}主管部门已确认 ${e.own.name} 与 ${e.partner.name} 的合作推荐。`,
      ],
      action: { label: '查看推荐', url: h.link(`/proposals/${e.proposalId}`) },
    }),
    'interest.expressed': (e, h) => ({
      subject: `${e.from.name} 希望与 ${e.to.name} 开展交流`,
      lines: [`${e.from.name} 对 ${e.to.name} 的交流意向表示了兴趣。`, '请在平台上查看并答复。'],
      action: { label: open, url: h.link(`/interest-expressions/${e.expressionId}`) },
    }),
    'partnership.confirmed': (e, h) => ({
      subject: `伙伴关系已确认：${e.a.name} 与 ${e.b.name}`,
      lines: [
        `${e.a.name} 与 ${e.b.name} 现已结为伙伴。下一步由双方机构安排第一次线上会议，平台会建议时间。`,
      ],
      action: { label: open, url: h.link(`/partnerships/${e.partnershipId}/schedule`) },
    }),
    'meeting.slots_proposed': (e, h) => ({
      subject: '新的会议时间建议',
      lines: ['请从以下时间中选择一个：', ...e.slots.map((s) => `• ${h.eventTime(s)}`)],
      action: { label: '选择时间', url: h.link(`/meetings/${e.meetingId}`) },
    }),
    'visit_plan.proposed': (e, h) => ({
      subject: `${e.by.name} 提议访问`,
      lines: [
        `${e.by.name} 计划一次访问（${e.days} 天）。可选时间段：`,
        ...e.windows.map((w) => `• ${h.eventTime(w)}`),
        ...(e.moreWindows > 0 ? [`平台上另有 ${e.moreWindows} 个时间段。`] : []),
        '请选择一个时间段。',
      ],
      action: { label: '选择时间段', url: h.link(`/visit-plans/${e.planId}`) },
    }),
    'visit_plan.window_confirmed': (e, h) => ({
      subject: `${e.by.name} 已选择访问时间段`,
      lines: [`${e.by.name} 希望在 ${h.eventTime(e.window)} 访问。`, '您确认同一时间段后，访问即预定成功。'],
      action: { label: '确认时间段', url: h.link(`/visit-plans/${e.planId}`) },
    }),
    'visit_plan.dropped': (e, h) => ({
      subject: `${e.by.name} 已结束访问规划`,
      lines: [`${e.by.name} 已结束此次访问的规划，没有预定任何内容。`],
      action: { label: open, url: h.link(`/visit-plans/${e.planId}`) },
    }),
    'meeting.scheduled': (e, h) => ({
      subject: `会议已安排：${readerTitle('zh', e.title)}`,
      lines: [`会议“${readerTitle('zh', e.title)}”定于 ${h.eventTime(e.time)} 举行。`, '日历邀请见附件。'],
      action: { label: open, url: h.link(`/meetings/${e.meetingId}`) },
    }),
    'meeting.changed': (e, h) => ({
      subject: `会议已变更：${readerTitle('zh', e.title)}`,
      lines: [
        `会议“${readerTitle('zh', e.title)}”已改至 ${h.eventTime(e.time)}。`,
        '更新后的日历邀请见附件。',
      ],
      action: { label: open, url: h.link(`/meetings/${e.meetingId}`) },
    }),
    'meeting.cancelled': (e, h) => ({
      subject: `会议已取消：${readerTitle('zh', e.title)}`,
      lines: [`原定于 ${h.eventTime(e.time)} 的会议“${readerTitle('zh', e.title)}”已取消。`],
      action: { label: open, url: h.link(`/meetings/${e.meetingId}`) },
    }),
    'visit.scheduled': (e, h) => ({
      subject: `访问已安排：${readerTitle('zh', e.title)}`,
      lines: [`访问“${readerTitle('zh', e.title)}”定于 ${h.eventTime(e.time)}。`, '日历邀请见附件。'],
      action: { label: open, url: h.link(`/visits/${e.visitId}`) },
    }),
    'visit.changed': (e, h) => ({
      subject: `访问已变更：${readerTitle('zh', e.title)}`,
      lines: [
        `访问“${readerTitle('zh', e.title)}”已改至 ${h.eventTime(e.time)}。`,
        '更新后的日历邀请见附件。',
      ],
      action: { label: open, url: h.link(`/visits/${e.visitId}`) },
    }),
    'visit.cancelled': (e, h) => ({
      subject: `访问已取消：${readerTitle('zh', e.title)}`,
      lines: [`原定于 ${h.eventTime(e.time)} 的访问“${readerTitle('zh', e.title)}”已取消。`],
      action: { label: open, url: h.link(`/visits/${e.visitId}`) },
    }),
    'reminder.due': (e, h) => ({
      subject: `提醒：${readerTitle('zh', e.title)}（${offset[e.offset]}）`,
      lines: [
        `提醒：${e.kind === 'meeting' ? '会议' : '访问'}“${readerTitle('zh', e.title)}”将于 ${h.eventTime(e.time)} 举行。`,
      ],
      action: { label: open, url: h.link(`/${e.kind === 'meeting' ? 'meetings' : 'visits'}/${e.targetId}`) },
    }),
  },
}
