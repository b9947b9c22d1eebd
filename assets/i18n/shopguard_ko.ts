<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>AlertTable</name>
    <message>
        <location filename="../../shopguard/ui/widgets/alert_table_model.py" line="16" />
        <source>Picture</source>
        <translation>사진</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/widgets/alert_table_model.py" line="17" />
        <source>Time</source>
        <translation>시간</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/widgets/alert_table_model.py" line="18" />
        <source>Alert / camera</source>
        <translation>알림 / 카메라</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/widgets/alert_table_model.py" line="19" />
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/widgets/alert_table_model.py" line="22" />
        <source>New</source>
        <translation>새 알림</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/widgets/alert_table_model.py" line="23" />
        <source>Checked</source>
        <translation>확인함</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/widgets/alert_table_model.py" line="24" />
        <source>Dismissed</source>
        <translation>무시함</translation>
    </message>
</context>
<context>
    <name>AlertsView</name>
    <message>
        <location filename="../../shopguard/ui/views/alerts.py" line="44" />
        <source>Alerts</source>
        <translation>알림</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/alerts.py" line="46" />
        <source>Show handled</source>
        <translation>처리한 것도 보기</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/alerts.py" line="70" />
        <location filename="../../shopguard/ui/views/alerts.py" line="164" />
        <source>Choose an alert to handle it.</source>
        <translation>처리할 알림을 고르세요.</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/alerts.py" line="73" />
        <source>Note (what happened, what you did)</source>
        <translation>메모 (무슨 일이었는지, 어떻게 했는지)</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/alerts.py" line="75" />
        <source>Acknowledge</source>
        <translation>확인</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/alerts.py" line="76" />
        <source>Dismiss</source>
        <translation>무시</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/alerts.py" line="77" />
        <source>Review</source>
        <translation>자세히 보기</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/alerts.py" line="118" />
        <source>All alert types</source>
        <translation>모든 알림 종류</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/alerts.py" line="122" />
        <source>All cameras</source>
        <translation>모든 카메라</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/alerts.py" line="180" />
        <source>Marked as checked.</source>
        <translation>확인 처리했습니다.</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/alerts.py" line="180" />
        <source>Dismissed.</source>
        <translation>무시 처리했습니다.</translation>
    </message>
</context>
<context>
    <name>CameraDialog</name>
    <message>
        <location filename="../../shopguard/ui/dialogs/camera_dialog.py" line="46" />
        <source>Camera</source>
        <translation>카메라</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/dialogs/camera_dialog.py" line="56" />
        <source>e.g. Door, Freezer</source>
        <translation>예: 출입문, 냉동고</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/dialogs/camera_dialog.py" line="58" />
        <source>USB camera</source>
        <translation>USB 카메라</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/dialogs/camera_dialog.py" line="58" />
        <source>Network camera (RTSP)</source>
        <translation>네트워크 카메라 (RTSP)</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/dialogs/camera_dialog.py" line="58" />
        <source>Video file</source>
        <translation>동영상 파일</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/dialogs/camera_dialog.py" line="60" />
        <source>Search again</source>
        <translation>다시 찾기</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/dialogs/camera_dialog.py" line="64" />
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/dialogs/camera_dialog.py" line="77" />
        <source>Test</source>
        <translation>연결 시험</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/dialogs/camera_dialog.py" line="78" />
        <source>Press Test to see the picture.</source>
        <translation>'연결 시험'을 누르면 화면이 보입니다.</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/dialogs/camera_dialog.py" line="87" />
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/dialogs/camera_dialog.py" line="88" />
        <source>Kind</source>
        <translation>종류</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/dialogs/camera_dialog.py" line="89" />
        <source>Source</source>
        <translation>영상 소스</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/dialogs/camera_dialog.py" line="109" />
        <location filename="../../shopguard/ui/dialogs/camera_dialog.py" line="129" />
        <source>USB camera %1</source>
        <translation>USB 카메라 %1번</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/dialogs/camera_dialog.py" line="121" />
        <source>Looking for USB cameras…</source>
        <translation>USB 카메라를 찾는 중…</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/dialogs/camera_dialog.py" line="132" />
        <source>Found %1 USB camera(s).</source>
        <translation>USB 카메라 %1대를 찾았습니다.</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/dialogs/camera_dialog.py" line="134" />
        <source>No USB camera found. Check the cable, or choose a network camera or a file.</source>
        <translation>USB 카메라가 없습니다. 케이블을 확인하거나 네트워크 카메라나 파일을 고르세요.</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/dialogs/camera_dialog.py" line="138" />
        <source>Choose a video file</source>
        <translation>동영상 파일 고르기</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/dialogs/camera_dialog.py" line="154" />
        <source>Give the camera a name.</source>
        <translation>카메라 이름을 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/dialogs/camera_dialog.py" line="161" />
        <source>Choose a USB camera from the list (press Search again after plugging it in).</source>
        <translation>목록에서 USB 카메라를 고르세요 (꽂은 뒤 '다시 찾기'를 누르세요).</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/dialogs/camera_dialog.py" line="163" />
        <source>A network camera address starts with rtsp:// followed by its IP address.</source>
        <translation>네트워크 카메라 주소는 rtsp:// 다음에 IP 주소를 씁니다.</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/dialogs/camera_dialog.py" line="165" />
        <source>The video file does not exist: %1</source>
        <translation>동영상 파일이 없습니다: %1</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/dialogs/camera_dialog.py" line="174" />
        <source>Testing…</source>
        <translation>시험하는 중…</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/dialogs/camera_dialog.py" line="185" />
        <source>Works: %1</source>
        <translation>정상: %1</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/dialogs/camera_dialog.py" line="188" />
        <source>Does not work: %1</source>
        <translation>연결 안 됨: %1</translation>
    </message>
</context>
<context>
    <name>CameraTile</name>
    <message>
        <location filename="../../shopguard/ui/widgets/camera_tile.py" line="20" />
        <source>LIVE</source>
        <translation>실시간</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/widgets/camera_tile.py" line="21" />
        <source>RECONNECTING</source>
        <translation>재연결 중</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/widgets/camera_tile.py" line="22" />
        <source>OFFLINE</source>
        <translation>연결 끊김</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/widgets/camera_tile.py" line="23" />
        <source>COVERED</source>
        <translation>가려짐</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/widgets/camera_tile.py" line="24" />
        <source>ENDED</source>
        <translation>영상 끝</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/widgets/camera_tile.py" line="27" />
        <source>Connecting to the camera…</source>
        <translation>카메라에 연결하는 중…</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/widgets/camera_tile.py" line="28" />
        <source>No picture from this camera. Check its cable; it reconnects by itself.</source>
        <translation>이 카메라의 영상이 오지 않습니다. 케이블을 확인하세요. 돌아오면 저절로 다시 연결됩니다.</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/widgets/camera_tile.py" line="31" />
        <source>The lens seems covered or blinded.</source>
        <translation>렌즈가 가려졌거나 화면이 보이지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/widgets/camera_tile.py" line="54" />
        <source>Click to enlarge; click again to go back to all cameras</source>
        <translation>누르면 크게 보고, 다시 누르면 전체 카메라로 돌아갑니다</translation>
    </message>
</context>
<context>
    <name>OwnerMainWindow</name>
    <message>
        <location filename="../../shopguard/ui/main_window.py" line="90" />
        <source>Cameras</source>
        <translation>카메라</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/main_window.py" line="258" />
        <source>Look now</source>
        <translation>바로 보기</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/main_window.py" line="259" />
        <source>Close</source>
        <translation>닫기</translation>
    </message>
</context>
<context>
    <name>ReviewView</name>
    <message>
        <location filename="../../shopguard/ui/views/review.py" line="39" />
        <source>Open an alert from the alerts panel to review it here.</source>
        <translation>알림 목록에서 알림을 열면 여기에서 자세히 볼 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/review.py" line="45" />
        <source>◀ Frame</source>
        <translation>◀ 한 장</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/review.py" line="46" />
        <location filename="../../shopguard/ui/views/review.py" line="165" />
        <source>Play</source>
        <translation>재생</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/review.py" line="47" />
        <source>Frame ▶</source>
        <translation>한 장 ▶</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/review.py" line="50" />
        <source>Live camera</source>
        <translation>실시간 화면</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/review.py" line="96" />
        <source>Note: %1</source>
        <translation>메모: %1</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/review.py" line="104" />
        <source>Loading the clip…</source>
        <translation>영상을 불러오는 중…</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/review.py" line="107" />
        <source>No clip recorded for this alert; showing its snapshot.</source>
        <translation>이 알림의 녹화 영상이 없어 사진을 보여 줍니다.</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/review.py" line="109" />
        <source>No picture was saved for this alert.</source>
        <translation>이 알림에는 저장된 사진이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/review.py" line="170" />
        <source>Pause</source>
        <translation>일시정지</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <location filename="../../shopguard/ui/views/settings.py" line="102" />
        <source>Shop</source>
        <translation>점포</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/settings.py" line="104" />
        <source>Shop name</source>
        <translation>상호</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/settings.py" line="105" />
        <source>Address</source>
        <translation>주소</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/settings.py" line="106" />
        <source>CCTV manager contact</source>
        <translation>CCTV 관리책임자 연락처</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/settings.py" line="107" />
        <source>Time zone</source>
        <translation>시간대</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/settings.py" line="110" />
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/settings.py" line="110" />
        <source>Source</source>
        <translation>영상 소스</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/settings.py" line="110" />
        <source>On</source>
        <translation>사용</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/settings.py" line="118" />
        <source>Add camera…</source>
        <translation>카메라 추가…</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/settings.py" line="119" />
        <source>Change…</source>
        <translation>변경…</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/settings.py" line="120" />
        <source>Remove</source>
        <translation>삭제</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/settings.py" line="124" />
        <source>Cameras (up to 9)</source>
        <translation>카메라 (최대 9대)</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/settings.py" line="136" />
        <source>Schedules (opening hours; a range ending before it starts runs past midnight)</source>
        <translation>운영 일정 (끝 시간이 시작보다 이르면 자정을 넘깁니다)</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/settings.py" line="140" />
        <source>Add hours</source>
        <translation>시간 추가</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/settings.py" line="141" />
        <source>Opening hours</source>
        <translation>영업시간</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/settings.py" line="152" />
        <source>Warnings and critical alerts</source>
        <translation>주의 및 긴급 알림</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/settings.py" line="153" />
        <source>Only critical alerts</source>
        <translation>긴급 알림만</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/settings.py" line="154" />
        <source>Never</source>
        <translation>울리지 않음</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/settings.py" line="161" />
        <source>Red banner across the window for critical alerts</source>
        <translation>긴급 알림은 화면 위에 빨간 띠로 표시</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/settings.py" line="163" />
        <source>Play the chime</source>
        <translation>알림음 듣기</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/settings.py" line="165" />
        <source>Language and alerts</source>
        <translation>언어와 알림</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/settings.py" line="167" />
        <source>Language (after restart)</source>
        <translation>언어 (다시 시작 후 적용)</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/settings.py" line="168" />
        <source>Alert chime</source>
        <translation>알림음</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/settings.py" line="172" />
        <source>Volume</source>
        <translation>소리 크기</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/settings.py" line="177" />
        <source>Save settings</source>
        <translation>설정 저장</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/settings.py" line="207" />
        <source>Demo clip</source>
        <translation>데모 영상</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/settings.py" line="209" />
        <source>USB camera %1</source>
        <translation>USB 카메라 %1번</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/settings.py" line="227" />
        <location filename="../../shopguard/ui/views/settings.py" line="289" />
        <source>At most 9 cameras. Remove one first.</source>
        <translation>카메라는 9대까지입니다. 먼저 하나를 지우세요.</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/settings.py" line="265" />
        <source>Every opening-hours row needs a schedule name.</source>
        <translation>운영 시간마다 일정 이름이 필요합니다.</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/settings.py" line="267" />
        <source>Schedule “%1” has no weekday ticked.</source>
        <translation>일정 “%1”에 선택한 요일이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/settings.py" line="269" />
        <source>Schedule “%1” starts and ends at the same time.</source>
        <translation>일정 “%1”의 시작과 끝 시간이 같습니다.</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/settings.py" line="281" />
        <source>Enter the shop's name.</source>
        <translation>상호를 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/settings.py" line="283" />
        <source>The shop's name is too long (80 characters at most).</source>
        <translation>상호가 너무 깁니다 (80자까지).</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/settings.py" line="285" />
        <source>Unknown time zone “%1”. Choose one from the list, e.g. Asia/Seoul.</source>
        <translation>알 수 없는 시간대 “%1”입니다. 목록에서 고르세요 (예: Asia/Seoul).</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/settings.py" line="326" />
        <source>Setting “%1” is not valid: %2</source>
        <translation>설정 “%1” 값이 잘못되었습니다: %2</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/settings.py" line="342" />
        <source>Saved.</source>
        <translation>저장했습니다.</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/settings.py" line="344" />
        <source>The new language shows after a restart.</source>
        <translation>바꾼 언어는 다시 시작하면 적용됩니다.</translation>
    </message>
</context>
<context>
    <name>ZonesView</name>
    <message>
        <location filename="../../shopguard/ui/views/zones.py" line="35" />
        <source>Intrusion outside open hours</source>
        <translation>영업시간 외 침입</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/zones.py" line="36" />
        <source>Loitering</source>
        <translation>배회</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/zones.py" line="37" />
        <source>Door: count who comes in</source>
        <translation>출입문: 들어오는 사람 세기</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/zones.py" line="38" />
        <source>Shelf: check payment on exit</source>
        <translation>진열대: 나갈 때 결제 확인</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/zones.py" line="39" />
        <source>Falls</source>
        <translation>쓰러짐</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/zones.py" line="42" />
        <source>An area needs at least 3 corners.</source>
        <translation>영역에는 꼭짓점이 3개 이상 필요합니다.</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/zones.py" line="43" />
        <source>This area is too small to be useful; draw it larger.</source>
        <translation>영역이 너무 작습니다. 더 크게 그리세요.</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/zones.py" line="44" />
        <source>The edges of this area cross each other; draw its corners in order around it.</source>
        <translation>영역의 선이 서로 엇갈립니다. 꼭짓점을 둘레를 따라 차례로 찍으세요.</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/zones.py" line="47" />
        <source>This line is too short; draw it across the door.</source>
        <translation>선이 너무 짧습니다. 출입문을 가로질러 그리세요.</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/zones.py" line="70" />
        <source>Take a new picture</source>
        <translation>화면 다시 찍기</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/zones.py" line="72" />
        <source>No picture from this camera yet. You can still draw.</source>
        <translation>아직 이 카메라의 화면이 없습니다. 그래도 그릴 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/zones.py" line="73" />
        <source>Draw area</source>
        <translation>영역 그리기</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/zones.py" line="74" />
        <source>Draw door line</source>
        <translation>출입문 선 그리기</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/zones.py" line="75" />
        <source>Undo</source>
        <translation>되돌리기</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/zones.py" line="76" />
        <source>Delete</source>
        <translation>지우기</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/zones.py" line="82" />
        <source>Always</source>
        <translation>항상</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/zones.py" line="87" />
        <source> s</source>
        <translation> 초</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/zones.py" line="88" />
        <source>Flip inside</source>
        <translation>안쪽 방향 바꾸기</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/zones.py" line="89" />
        <source>Save zones</source>
        <translation>구역 저장</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/zones.py" line="91" />
        <source>Pick a tool, then click on the picture.</source>
        <translation>도구를 고른 뒤 화면을 누르세요.</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/zones.py" line="124" />
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/zones.py" line="128" />
        <source>Rules</source>
        <translation>규칙</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/zones.py" line="129" />
        <source>Schedule</source>
        <translation>일정</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/zones.py" line="130" />
        <source>Loitering after</source>
        <translation>배회 기준</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/zones.py" line="164" />
        <source>Nothing to undo.</source>
        <translation>되돌릴 것이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/zones.py" line="172" />
        <source>Undone.</source>
        <translation>되돌렸습니다.</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/zones.py" line="201" />
        <source>line</source>
        <translation>선</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/zones.py" line="201" />
        <source>area</source>
        <translation>영역</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/zones.py" line="245" />
        <source>Click the corners; click the first corner again to close the area.</source>
        <translation>꼭짓점을 차례로 누르고, 첫 꼭짓점을 다시 누르면 영역이 닫힙니다.</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/zones.py" line="248" />
        <source>Click both ends of the door line. The arrow points inside.</source>
        <translation>출입문 선의 양 끝을 누르세요. 화살표가 안쪽을 가리킵니다.</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/zones.py" line="260" />
        <source>Door %1</source>
        <translation>출입문 %1</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/zones.py" line="260" />
        <source>Area %1</source>
        <translation>구역 %1</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/zones.py" line="270" />
        <source>Added. Name it, pick its rules, then save.</source>
        <translation>추가했습니다. 이름과 규칙을 정한 뒤 저장하세요.</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/zones.py" line="295" />
        <source>A zone needs a name.</source>
        <translation>구역 이름을 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/zones.py" line="314" />
        <source>Two zones of one camera have the same name; rename one.</source>
        <translation>한 카메라에 이름이 같은 구역이 있습니다. 하나의 이름을 바꾸세요.</translation>
    </message>
    <message>
        <location filename="../../shopguard/ui/views/zones.py" line="323" />
        <source>Saved. The cameras use the new zones now.</source>
        <translation>저장했습니다. 카메라가 새 구역을 바로 씁니다.</translation>
    </message>
</context>
</TS>