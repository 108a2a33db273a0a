import { Card, Col, Descriptions, Divider, Empty, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, Party } from '../../../../shared/contract/cases';
import { IntakeWizard } from '../intake/IntakeWizard';
import { RegistrationPanel } from '../intake/Registration';
import { formatFen } from '../../ui/money';
import { DocumentsPanel } from './DocumentsPanel';

function PartyCard({ party }: { party: Party }) {
  const { t } = useTranslation();
  const natural = party.kind === 'natural';
  const facts: string[] = [];
  if (natural) {
    if (party.gender) facts.push(t(`enums.gender.${party.gender}`));
    if (party.birthDate) facts.push(t('intake.born', { date: party.birthDate }));
    if (party.ethnicity) facts.push(party.ethnicity);
    if (party.idNumber) facts.push(`${t('intake.idNumber')} ${party.idNumber}`);
  } else {
    if (party.creditCode) facts.push(`${t('intake.creditCode')} ${party.creditCode}`);
    if (party.legalRep) facts.push(`${t('intake.legalRep')} ${party.legalRep}${party.legalRepTitle ? `（${party.legalRepTitle}）` : ''}`);
  }
  return (
    <Card size="small" style={{ marginBottom: 8 }} data-testid={`party-card-${party.id}`}>
      <Space wrap size={8} style={{ marginBottom: 4 }}>
        <Tag color={party.role === 'plaintiff' ? 'blue' : party.role === 'defendant' ? 'red' : 'default'}>
          {t(`enums.role.${party.role}`)}
        </Tag>
        <Typography.Text strong>{party.name}</Typography.Text>
        <Typography.Text type="secondary">{t(`enums.partyKind.${party.kind}`)}</Typography.Text>
      </Space>
      {facts.length > 0 && <div>{facts.join('，')}</div>}
      {(party.address || party.phone) && (
        <div style={{ color: '#595959' }}>{[party.address, party.phone].filter(Boolean).join('　')}</div>
      )}
      {party.agents.length > 0 && (
        <div style={{ marginTop: 6 }}>
          <Typography.Text type="secondary">{t('intake.agents')}：</Typography.Text>
          {party.agents.map((a) => (
            <div key={a.id} style={{ paddingLeft: 12 }}>
              {a.name}（{t(`enums.agentKind.${a.kind}`)}
              {a.firm ? `，${a.firm}` : ''}
              {a.licenseNo ? `，${a.licenseNo}` : ''}）{a.phone ? `\u3000${a.phone}` : ''}
            </div>
          ))}
        </div>
      )}
    </Card>
  );
}

/** The case as registered: parties, claims, facts and its documents. */
function CaseFacts({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const claims = [...detail.claims].sort((a, b) => a.seq - b.seq);
  const amounts = claims.map((c) => c.amountFen).filter((a): a is number => a !== null);
  const total = amounts.reduce((s, a) => s + a, 0);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <Card title={t('intake.parties')} size="small" data-testid="intake-parties">
          {detail.parties.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('intake.noParties')} />
          ) : (
            detail.parties.map((p) => <PartyCard key={p.id} party={p} />)
          )}
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card title={t('intake.claims')} size="small" data-testid="intake-claims" style={{ marginBottom: 16 }}>
          {claims.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('intake.noClaims')} />
          ) : (
            <>
              <ol style={{ paddingInlineStart: 20, margin: 0 }}>
                {claims.map((c) => (
                  <li key={c.id} style={{ marginBottom: 6 }}>
                    <span style={{ whiteSpace: 'pre-wrap' }}>{c.text}</span>
                    {c.amountFen !== null && (
                      <Typography.Text strong style={{ marginLeft: 8 }} data-testid="claim-amount">
                        {formatFen(c.amountFen)}
                      </Typography.Text>
                    )}
                  </li>
                ))}
              </ol>
              {amounts.length > 0 && (
                <Descriptions size="small" column={1} style={{ marginTop: 8 }}>
                  <Descriptions.Item label={t('intake.claimTotal')}>
                    <Typography.Text strong data-testid="claim-total">
                      {formatFen(total)}
                    </Typography.Text>
                  </Descriptions.Item>
                </Descriptions>
              )}
            </>
          )}
        </Card>
        <Card title={t('intake.facts')} size="small" data-testid="intake-facts">
          {detail.summary ? (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{detail.summary}</Typography.Paragraph>
          ) : (
            <Typography.Text type="secondary">{t('intake.noFacts')}</Typography.Text>
          )}
        </Card>
      </Col>
      <Col span={24}>
        <DocumentsPanel caseId={detail.id} documents={detail.documents} readOnly={detail.status === 'archived'} />
      </Col>
    </Row>
  );
}

/**
 * 立案: a draft case walks through import → review → cause and check → registration; a registered
 * case shows its number, fee and deadlines above the case as filed.
 */
export function IntakeTab({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  return (
    <div data-testid="intake-tab">
      {detail.caseNumber === '' ? <IntakeWizard detail={detail} /> : <RegistrationPanel caseId={detail.id} />}
      <Divider titlePlacement="start" style={{ marginTop: 24 }}>
        {t('intake.caseAsFiled')}
      </Divider>
      {detail.caseNumber === '' && detail.parties.length === 0 && detail.claims.length === 0 ? (
        // A draft not yet filled from its complaint: only its documents are worth showing.
        <DocumentsPanel caseId={detail.id} documents={detail.documents} readOnly={detail.status === 'archived'} />
      ) : (
        <CaseFacts detail={detail} />
      )}
    </div>
  );
}
