import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Col, DatePicker, Form, Input, Row, Select, Skeleton, Space } from 'antd';
import type { FormInstance } from 'antd';
import { useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { AgentKind, CaseStage, PartyKind, PartyRole, Procedure, type CaseDetail } from '../../../../shared/contract/cases';
import type { ErrorIssue } from '../../../../shared/contract/result';
import { useCase, useCreateCase, useUpdateCase } from '../../api/hooks';
import { applyIssuesToForm, errorCode, ErrorAlert, translateIssueMessage } from '../../ui/errors';
import { PageTitle } from '../../ui/EmptyState';
import { parseYuan } from '../../ui/money';
import {
  caseToForm,
  emptyAgent,
  emptyCaseForm,
  emptyClaim,
  emptyParty,
  formToCaseInput,
  issuePathToField,
  type CaseFormValues,
} from './caseFormModel';
import { useLang } from '../intake/format';

const COL = { xs: 24, md: 12, xl: 8 } as const;

/** The bin at the end of an agent's or a claim's row. */
function RemoveRowButton({ label, onClick, testId }: { label: string; onClick: () => void; testId?: string }) {
  return (
    <Col xs={4} md={1} style={{ paddingTop: 30 }}>
      <Button type="text" danger icon={<DeleteOutlined />} aria-label={label} title={label} onClick={onClick} data-testid={testId} />
    </Col>
  );
}

/** Problems the server found that no form field can show. */
function IssueList({ issues, style }: { issues: readonly ErrorIssue[]; style?: CSSProperties }) {
  const { t } = useTranslation();
  return (
    <ul style={style}>
      {issues.map((i) => (
        <li key={`${i.path}:${i.message}`}>
          {i.path ? `${i.path}: ` : ''}
          {translateIssueMessage(t, i.message)}
        </li>
      ))}
    </ul>
  );
}

function AgentList({ partyIndex }: { partyIndex: number }) {
  const { t } = useTranslation();
  return (
    <Form.List name={[partyIndex, 'agents']}>
      {(fields, { add, remove }) => (
        <div style={{ marginTop: 8 }}>
          <div style={{ fontWeight: 500, marginBottom: 8 }}>{t('caseForm.agents')}</div>
          {fields.map((field) => (
            <Row gutter={12} key={field.key} align="top" data-testid={`party-${partyIndex}-agent-${field.name}`}>
              <Col xs={24} md={6}>
                <Form.Item
                  name={[field.name, 'name']}
                  label={t('caseForm.agentName')}
                  rules={[{ required: true, whitespace: true, message: t('validation.nameRequired') }]}
                >
                  <Input data-testid={`party-${partyIndex}-agent-${field.name}-name`} maxLength={100} />
                </Form.Item>
              </Col>
              <Col xs={24} md={5}>
                <Form.Item name={[field.name, 'kind']} label={t('caseForm.agentKind')}>
                  <Select options={AgentKind.options.map((k) => ({ value: k, label: t(`enums.agentKind.${k}`) }))} />
                </Form.Item>
              </Col>
              <Col xs={24} md={5}>
                <Form.Item name={[field.name, 'firm']} label={t('caseForm.firm')}>
                  <Input maxLength={200} />
                </Form.Item>
              </Col>
              <Col xs={24} md={4}>
                <Form.Item name={[field.name, 'licenseNo']} label={t('caseForm.licenseNo')}>
                  <Input maxLength={64} />
                </Form.Item>
              </Col>
              <Col xs={20} md={3}>
                <Form.Item name={[field.name, 'phone']} label={t('caseForm.phone')}>
                  <Input maxLength={40} />
                </Form.Item>
              </Col>
              <RemoveRowButton label={t('caseForm.removeAgent')} onClick={() => remove(field.name)} />
            </Row>
          ))}
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => add(emptyAgent())}
            data-testid={`party-${partyIndex}-add-agent`}
          >
            {t('caseForm.addAgent')}
          </Button>
        </div>
      )}
    </Form.List>
  );
}

function PartyIdentityFields({ index, form }: { index: number; form: FormInstance<CaseFormValues> }) {
  const { t } = useTranslation();
  const kind = Form.useWatch(['parties', index, 'kind'], form) ?? 'natural';
  if (kind === 'natural') {
    return (
      <>
        <Col xs={12} md={6} xl={4}>
          <Form.Item name={[index, 'gender']} label={t('caseForm.gender')}>
            <Select allowClear options={(['male', 'female'] as const).map((g) => ({ value: g, label: t(`enums.gender.${g}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Form.Item name={[index, 'birthDate']} label={t('caseForm.birthDate')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Form.Item name={[index, 'ethnicity']} label={t('caseForm.ethnicity')}>
            <Input maxLength={20} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={8}>
          <Form.Item name={[index, 'idNumber']} label={t('caseForm.idNumber')}>
            <Input maxLength={40} data-testid={`party-${index}-idNumber`} />
          </Form.Item>
        </Col>
      </>
    );
  }
  return (
    <>
      <Col xs={24} md={12} xl={8}>
        <Form.Item name={[index, 'creditCode']} label={t('caseForm.creditCode')}>
          <Input maxLength={40} data-testid={`party-${index}-creditCode`} />
        </Form.Item>
      </Col>
      <Col xs={12} md={6} xl={8}>
        <Form.Item name={[index, 'legalRep']} label={t('caseForm.legalRep')}>
          <Input maxLength={100} />
        </Form.Item>
      </Col>
      <Col xs={12} md={6} xl={8}>
        <Form.Item name={[index, 'legalRepTitle']} label={t('caseForm.legalRepTitle')}>
          <Input maxLength={100} />
        </Form.Item>
      </Col>
    </>
  );
}

interface FormProblem {
  readonly kind: 'fields' | 'conflict' | 'other';
  readonly error: unknown;
  readonly unmapped: readonly ErrorIssue[];
}

function CaseForm({ existing, onReload }: { existing: CaseDetail | null; onReload?: () => Promise<CaseDetail | null> }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<CaseFormValues>();
  const [version, setVersion] = useState(existing?.version ?? 0);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const create = useCreateCase();
  const update = useUpdateCase();
  const saving = create.isPending || update.isPending;

  const onFinish = async () => {
    setProblem(null);
    // getFieldsValue(true) includes the ids of parties, agents and claims, which have no visible field.
    const values = form.getFieldsValue(true) as CaseFormValues;
    const input = formToCaseInput(values, existing?.stage ?? CaseStage.enum.intake);
    try {
      const saved = existing
        ? await update.mutateAsync({ id: existing.id, version, case: input })
        : await create.mutateAsync(input);
      void message.success(existing ? t('caseForm.saved') : t('caseForm.created'));
      void navigate(`/cases/${saved.id}`);
    } catch (err) {
      const code = errorCode(err);
      if (code === 'BAD_INPUT') {
        const { mapped, unmapped } = applyIssuesToForm(t, lang, form, err, issuePathToField);
        setProblem({ kind: mapped > 0 ? 'fields' : 'other', error: err, unmapped });
        const first = form.getFieldsError().find((f) => f.errors.length > 0);
        if (first) form.scrollToField(first.name);
      } else if (code === 'CONFLICT') {
        setProblem({ kind: 'conflict', error: err, unmapped: [] });
      } else {
        setProblem({ kind: 'other', error: err, unmapped: [] });
      }
    }
  };

  const reload = async () => {
    const latest = onReload ? await onReload() : null;
    if (!latest) return;
    form.resetFields();
    form.setFieldsValue(caseToForm(latest));
    setVersion(latest.version);
    setProblem(null);
    void message.info(t('caseForm.reloaded'));
  };

  return (
    <Form<CaseFormValues>
      form={form}
      layout="vertical"
      initialValues={existing ? caseToForm(existing) : emptyCaseForm()}
      onFinish={() => void onFinish()}
      onFinishFailed={({ errorFields }) => {
        const first = errorFields[0];
        if (first) form.scrollToField(first.name);
      }}
      scrollToFirstError={false}
      data-testid="case-form"
    >
      {problem?.kind === 'conflict' && (
        <div data-testid="case-form-conflict" style={{ marginBottom: 16 }}>
          <Alert
            type="warning"
            showIcon
            title={t('caseForm.conflictTitle')}
            description={t('caseForm.conflictBody')}
            action={
              <Button onClick={() => void reload()} data-testid="case-form-reload">
                {t('caseForm.conflictReload')}
              </Button>
            }
          />
        </div>
      )}
      {problem?.kind === 'fields' && (
        <div data-testid="case-form-fix" style={{ marginBottom: 16 }}>
          <Alert
            type="error"
            showIcon
            title={t('errors.fixFields')}
            description={
              problem.unmapped.length > 0 ? (
                <div>
                  {t('errors.otherIssues')}
                  <IssueList issues={problem.unmapped} style={{ margin: 0 }} />
                </div>
              ) : undefined
            }
          />
        </div>
      )}
      {problem?.kind === 'other' && (
        <div style={{ marginBottom: 16 }}>
          <ErrorAlert error={problem.error} />
          {problem.unmapped.length > 0 && <IssueList issues={problem.unmapped} />}
        </div>
      )}

      <Card title={t('caseForm.basic')} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col {...COL}>
            <Form.Item name="caseNumber" label={t('caseForm.caseNumber')} extra={t('caseForm.caseNumberHelp')}>
              <Input maxLength={60} data-testid="case-caseNumber" />
            </Form.Item>
          </Col>
          <Col {...COL}>
            <Form.Item name="causeOfAction" label={t('caseForm.cause')}>
              <Input maxLength={100} placeholder={t('caseForm.causePlaceholder')} data-testid="case-causeOfAction" />
            </Form.Item>
          </Col>
          <Col {...COL}>
            <Form.Item name="title" label={t('caseForm.title')}>
              <Input maxLength={200} placeholder={t('caseForm.titlePlaceholder')} data-testid="case-title" />
            </Form.Item>
          </Col>
          <Col {...COL}>
            <Form.Item name="procedure" label={t('caseForm.procedure')}>
              <Select
                allowClear
                placeholder={t('caseForm.procedureNone')}
                options={Procedure.options.map((p) => ({ value: p, label: t(`enums.procedure.${p}`) }))}
                data-testid="case-procedure"
              />
            </Form.Item>
          </Col>
          <Col {...COL}>
            <Form.Item name="filedOn" label={t('caseForm.filedOn')}>
              <DatePicker style={{ width: '100%' }} data-testid="case-filedOn" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6} xl={4}>
            <Form.Item name="judge" label={t('caseForm.judge')}>
              <Input maxLength={100} data-testid="case-judge" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6} xl={4}>
            <Form.Item name="clerk" label={t('caseForm.clerk')}>
              <Input maxLength={100} data-testid="case-clerk" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="summary" label={t('caseForm.summary')}>
              <Input.TextArea
                autoSize={{ minRows: 3, maxRows: 12 }}
                maxLength={20000}
                placeholder={t('caseForm.summaryPlaceholder')}
                data-testid="case-summary"
              />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title={t('caseForm.parties')} style={{ marginBottom: 16 }}>
        <Form.List name="parties">
          {(fields, { add, remove }) => (
            <>
              {fields.length === 0 && <p style={{ color: '#8c8c8c' }}>{t('caseForm.noParties')}</p>}
              {fields.map((field) => (
                <Card
                  key={field.key}
                  size="small"
                  type="inner"
                  title={t('caseForm.partyN', { n: field.name + 1 })}
                  style={{ marginBottom: 12 }}
                  data-testid={`party-${field.name}`}
                  extra={
                    <Button
                      type="text"
                      danger
                      size="small"
                      icon={<DeleteOutlined />}
                      onClick={() => remove(field.name)}
                      data-testid={`party-${field.name}-remove`}
                    >
                      {t('caseForm.removeParty')}
                    </Button>
                  }
                >
                  <Row gutter={12}>
                    <Col xs={12} md={6} xl={4}>
                      <Form.Item name={[field.name, 'role']} label={t('caseForm.role')} rules={[{ required: true, message: t('validation.required') }]}>
                        <Select
                          options={PartyRole.options.map((r) => ({ value: r, label: t(`enums.role.${r}`) }))}
                          data-testid={`party-${field.name}-role`}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={6} xl={4}>
                      <Form.Item name={[field.name, 'kind']} label={t('caseForm.kind')}>
                        <Select
                          options={PartyKind.options.map((k) => ({ value: k, label: t(`enums.partyKind.${k}`) }))}
                          data-testid={`party-${field.name}-kind`}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={12} xl={16}>
                      <Form.Item
                        name={[field.name, 'name']}
                        label={t('caseForm.name')}
                        rules={[{ required: true, whitespace: true, message: t('validation.nameRequired') }]}
                      >
                        <Input maxLength={200} data-testid={`party-${field.name}-name`} />
                      </Form.Item>
                    </Col>
                    <PartyIdentityFields index={field.name} form={form} />
                    <Col xs={24} md={16}>
                      <Form.Item name={[field.name, 'address']} label={t('caseForm.address')}>
                        <Input maxLength={500} data-testid={`party-${field.name}-address`} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={8}>
                      <Form.Item name={[field.name, 'phone']} label={t('caseForm.phone')}>
                        <Input maxLength={40} data-testid={`party-${field.name}-phone`} />
                      </Form.Item>
                    </Col>
                  </Row>
                  <AgentList partyIndex={field.name} />
                </Card>
              ))}
              <Space wrap>
                <Button icon={<PlusOutlined />} onClick={() => add(emptyParty('plaintiff'))} data-testid="add-party">
                  {t('caseForm.addParty')}
                </Button>
              </Space>
            </>
          )}
        </Form.List>
      </Card>

      <Card title={t('caseForm.claims')} style={{ marginBottom: 16 }}>
        <Form.List name="claims">
          {(fields, { add, remove }) => (
            <>
              {fields.length === 0 && <p style={{ color: '#8c8c8c' }}>{t('caseForm.noClaims')}</p>}
              <ol style={{ paddingInlineStart: 24, margin: 0 }}>
                {fields.map((field) => (
                  <li key={field.key} data-testid={`claim-${field.name}`}>
                    <Row gutter={12} align="top">
                      <Col xs={24} md={15}>
                        <Form.Item
                          name={[field.name, 'text']}
                          label={t('caseForm.claimText')}
                          rules={[{ required: true, whitespace: true, message: t('validation.claimRequired') }]}
                        >
                          <Input.TextArea
                            autoSize={{ minRows: 1, maxRows: 6 }}
                            maxLength={5000}
                            placeholder={t('caseForm.claimPlaceholder')}
                            data-testid={`claim-${field.name}-text`}
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={20} md={8}>
                        <Form.Item
                          name={[field.name, 'amount']}
                          label={t('caseForm.amount')}
                          rules={[
                            {
                              validator: async (_rule, value: unknown) => {
                                const s = typeof value === 'string' ? value.trim() : '';
                                if (s !== '' && parseYuan(s) === null) throw new Error(t('validation.amountInvalid'));
                              },
                            },
                          ]}
                        >
                          <Input
                            prefix="¥"
                            inputMode="decimal"
                            placeholder={t('caseForm.amountPlaceholder')}
                            data-testid={`claim-${field.name}-amount`}
                          />
                        </Form.Item>
                      </Col>
                      <RemoveRowButton
                        label={t('caseForm.removeClaim')}
                        onClick={() => remove(field.name)}
                        testId={`claim-${field.name}-remove`}
                      />
                    </Row>
                  </li>
                ))}
              </ol>
              <Button icon={<PlusOutlined />} onClick={() => add(emptyClaim())} data-testid="add-claim">
                {t('caseForm.addClaim')}
              </Button>
            </>
          )}
        </Form.List>
      </Card>

      <Space>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="case-form-save">
          {t('caseForm.save')}
        </Button>
        <Button onClick={() => void navigate(existing ? `/cases/${existing.id}` : '/cases')} data-testid="case-form-cancel">
          {t('common.cancel')}
        </Button>
      </Space>
    </Form>
  );
}

export function NewCasePage() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle>{t('caseForm.createTitle')}</PageTitle>
      <CaseForm existing={null} />
    </>
  );
}

export function EditCasePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useCase(id);
  return (
    <>
      <PageTitle>{t('caseForm.editTitle')}</PageTitle>
      {query.isPending && <Skeleton active />}
      {query.isError && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      {query.data && (
        <CaseForm
          // A fresh form per loaded case; a refetch in the background must not wipe edits in progress.
          key={query.data.id}
          existing={query.data}
          onReload={async () => (await query.refetch()).data ?? null}
        />
      )}
    </>
  );
}
